import Logging
import PostgresNIO

extension MigrationRunner {
    /// Reads what a run would do, without the lock and without changing anything.
    public func status() async throws -> MigrationStatus {
        let (controlPending, controlProblem, schemas) = try await database.client.withConnection { connection in
            let rows = try await connection.query("SELECT to_regclass('control.schema_migrations') IS NOT NULL", logger: logger)
            var bootstrapped = false
            for try await exists in rows.decode(Bool.self) { bootstrapped = exists }
            guard bootstrapped else { return (migrations.control, String?.none, [WorkspaceSchemaName]()) }
            let applied = try await Self.appliedMigrations(on: connection, table: "control.schema_migrations", logger: logger)
            var pending: [Migration] = []
            var problem: String?
            do {
                pending = try Self.pending(known: migrations.control, applied: applied, target: "the control schema")
            } catch {
                problem = String(describing: error)
            }
            let hasWorkspaces = try await connection.query("SELECT to_regclass('control.workspaces') IS NOT NULL", logger: logger)
            var workspacesTable = false
            for try await exists in hasWorkspaces.decode(Bool.self) { workspacesTable = exists }
            let schemas = workspacesTable ? try await Self.workspaceSchemas(on: connection, logger: logger) : []
            return (pending, problem, schemas)
        }
        var pendingByWorkspace: [String: [String]] = [:]
        var problems: [TenantMigrationFailure] = []
        var remaining = schemas.makeIterator()
        await withTaskGroup(of: (WorkspaceSchemaName, Result<[Migration], any Error>).self) { group in
            func startNext() -> Bool {
                guard let schema = remaining.next() else { return false }
                group.addTask {
                    do {
                        let pending = try await database.withWorkspaceTransaction(schema) { connection in
                            let applied = try await Self.appliedMigrations(on: connection, table: "schema_migrations", logger: logger)
                            return try Self.pending(known: migrations.tenant, applied: applied, target: "workspace \(schema)")
                        }
                        return (schema, .success(pending))
                    } catch {
                        return (schema, .failure(error))
                    }
                }
                return true
            }
            for _ in 0..<concurrency where !startNext() { break }
            while let (schema, result) = await group.next() {
                switch result {
                case .success(let pending):
                    if !pending.isEmpty { pendingByWorkspace[schema.rawValue] = pending.map(\.displayName) }
                case .failure(let error):
                    let message = (error as? MigrationError)?.description ?? describeDatabaseError(error)
                    problems.append(TenantMigrationFailure(schema: schema.rawValue, message: message))
                }
                _ = startNext()
            }
        }
        return MigrationStatus(
            controlPending: controlPending.map(\.displayName),
            controlProblem: controlProblem,
            workspaces: schemas.count,
            pendingByWorkspace: pendingByWorkspace,
            problems: problems.sorted { $0.schema < $1.schema }
        )
    }
}

/// Pending work: control files not applied, and per workspace the tenant files not applied.
public struct MigrationStatus: Sendable, Equatable {
    public let controlPending: [String]
    /// Why the control schema's applied migrations do not match the files, if they do not.
    public let controlProblem: String?
    public let workspaces: Int
    /// Workspace schema → its pending tenant files; workspaces that are up to date are absent.
    public let pendingByWorkspace: [String: [String]]
    /// Workspaces whose applied migrations do not match the files (changed or unknown files).
    public let problems: [TenantMigrationFailure]

    /// True when nothing is pending and nothing is wrong.
    public var isUpToDate: Bool { controlPending.isEmpty && controlProblem == nil && pendingByWorkspace.isEmpty && problems.isEmpty }

    /// Human-readable lines for `budgetai migrate --status`.
    public var lines: [String] {
        var lines: [String] = []
        if let controlProblem {
            lines.append("control: problem: \(controlProblem)")
        } else if controlPending.isEmpty {
            lines.append("control: up to date")
        } else {
            lines.append("control: \(controlPending.count) pending: \(controlPending.joined(separator: ", "))")
        }
        var countsByFile: [String: Int] = [:]
        for files in pendingByWorkspace.values { for file in files { countsByFile[file, default: 0] += 1 } }
        let upToDate = workspaces - pendingByWorkspace.count - problems.count
        lines.append("workspaces: \(workspaces), up to date: \(upToDate), with pending migrations: \(pendingByWorkspace.count)")
        for (file, count) in countsByFile.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(file): pending in \(count) workspace(s)")
        }
        for problem in problems {
            lines.append("  problem in \(problem.schema): \(problem.message)")
        }
        return lines
    }
}
