import ArgumentParser
import Foundation
import Persistence
import PostgresNIO

/// `budgetai seed-demo`: a demo PERSONAL workspace with a few settings, idempotently.
///
/// Users, credentials and memberships arrive with the identity issue; until then the demo is a workspace only.
struct SeedDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Create the demo PERSONAL workspace (fixed id) if missing; run after migrate."
    )

    static let demoWorkspaceID = UUID(uuidString: "d3e0d3e0-0000-4000-8000-000000000001")!

    func run() async throws {
        let (configuration, logger) = try startUp(label: "budgetai.seed")
        let migrations = try loadMigrations(configuration)
        let outcome: Result<String, ExitCode> = try await Database.withRunning(settings: configuration.database, logger: logger) { database in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: migrations.tenant, logger: logger)
            do {
                let existing = try await provisioner.listWorkspaces().first { $0.id == Self.demoWorkspaceID }
                let workspace: Workspace
                if let existing {
                    workspace = existing
                } else {
                    workspace = try await provisioner.createWorkspace(kind: .personal, plan: "FREE", id: Self.demoWorkspaceID)
                }
                try await database.withWorkspaceTransaction(workspace.schema) { connection in
                    for (key, value) in [("display_name", "Demo personal workspace"), ("currency", "USD"), ("locale", "en-US")] {
                        try await connection.query(
                            """
                            INSERT INTO workspace_settings (key, value) VALUES (\(key), \(value))
                            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
                            """,
                            logger: logger
                        )
                    }
                }
                let verb = existing == nil ? "created" : "already present"
                return .success("demo workspace \(verb): id \(workspace.id.uuidString.lowercased()), kind \(workspace.kind.rawValue), schema \(workspace.schema)")
            } catch {
                return .failure(fail(error))
            }
        }
        switch outcome {
        case .success(let line): print(line)
        case .failure(let exit): throw exit
        }
    }
}
