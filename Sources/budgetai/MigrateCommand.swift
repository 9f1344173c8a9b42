import ArgumentParser
import Foundation
import Persistence

/// `budgetai migrate`: control migrations, then tenant migrations in every workspace.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending control and tenant migrations (MIGRATIONS_DIR), or show them with --status."
    )

    @Flag(help: "Show pending work without changing anything; exits 3 when something is pending.")
    var status = false

    func run() async throws {
        let (configuration, logger) = try startUp(label: "budgetai.migrate")
        let migrations = try loadMigrations(configuration)
        var settings = configuration.database
        // The lock holds one connection; each concurrent workspace needs one more.
        settings.maximumConnections = configuration.migrationConcurrency + 1
        let concurrency = configuration.migrationConcurrency
        let showStatus = status
        let outcome: Result<Int32, ExitCode> = try await Database.withRunning(settings: settings, logger: logger) { database in
            let runner = MigrationRunner(database: database, migrations: migrations, concurrency: concurrency, logger: logger)
            do {
                if showStatus {
                    let report = try await runner.status()
                    report.lines.forEach { say($0) }
                    return .success(report.isUpToDate ? 0 : 3)
                }
                let report = try await runner.run { progress in
                    say("tenant migrations: \(progress.done)/\(progress.total) workspaces, \(progress.failed) failed")
                }
                let control = report.controlApplied.isEmpty ? "none" : report.controlApplied.joined(separator: ", ")
                say("control migrations applied: \(control)")
                say("tenant migrations: \(report.tenantMigrationsApplied) applied in \(report.workspacesChanged) of \(report.workspaces) workspaces")
                return .success(0)
            } catch {
                return .failure(fail(error))
            }
        }
        switch outcome {
        case .success(0): return
        case .success(let code): throw ExitCode(code)
        case .failure(let exit): throw exit
        }
    }
}
