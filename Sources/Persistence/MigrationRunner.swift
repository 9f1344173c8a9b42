import Foundation
import Logging
import PostgresNIO

/// Applies control migrations, then tenant migrations to every workspace schema.
public struct MigrationRunner: Sendable {
    public let database: Database
    public let migrations: MigrationSet
    /// How many workspaces are migrated at the same time.
    public let concurrency: Int
    let logger: Logger

    /// Key of the session advisory lock that keeps two runners apart ("budgetai" in ASCII).
    public static let lockKey: Int64 = 0x6275_6467_6574_6169

    /// Creates a runner; `concurrency` is clamped to at least 1.
    public init(database: Database, migrations: MigrationSet, concurrency: Int, logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Applies everything pending, holding the migration lock; tenant failures are collected and thrown at the end.
    @discardableResult
    public func run(progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }) async throws -> MigrationReport {
        try await database.client.withConnection { lockConnection in
            // Session lock: a second runner waits here, then finds nothing pending.
            try await lockConnection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let report = try await runLocked(on: lockConnection, progress: progress)
                try await lockConnection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return report
            } catch {
                _ = try? await lockConnection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    private func runLocked(
        on connection: PostgresConnection,
        progress: @escaping @Sendable (MigrationProgress) -> Void
    ) async throws -> MigrationReport {
        try await connection.executeScript(Self.controlBootstrapSQL, logger: logger)
        let applied = try await Self.appliedMigrations(on: connection, table: "control.schema_migrations", logger: logger)
        let pending = try Self.pending(known: migrations.control, applied: applied, target: "the control schema")
        for migration in pending {
            do {
                try await connection.inTransaction(logger: logger) { connection in
                    try await connection.query(
                        PostgresQuery(unsafeSQL: SQLText.doBlock(executing: [migration.sql, Self.recordSQL(migration, table: "control.schema_migrations")])),
                        logger: logger
                    )
                }
            } catch {
                throw MigrationError.controlFailed(file: migration.displayName, message: describeDatabaseError(error))
            }
            logger.info("applied control migration", metadata: ["migration": "\(migration.displayName)"])
        }
        let schemas = try await Self.workspaceSchemas(on: connection, logger: logger)
        let tenant = try await migrateWorkspaces(schemas, progress: progress)
        return MigrationReport(
            controlApplied: pending.map(\.displayName),
            workspaces: schemas.count,
            workspacesChanged: tenant.changed,
            tenantMigrationsApplied: tenant.applied
        )
    }

    /// Migrates `schemas` with bounded concurrency; returns (workspaces changed, files applied) or throws the failures.
    private func migrateWorkspaces(
        _ schemas: [WorkspaceSchemaName],
        progress: @escaping @Sendable (MigrationProgress) -> Void
    ) async throws -> (changed: Int, applied: Int) {
        var failures: [TenantMigrationFailure] = []
        var changed = 0
        var applied = 0
        var done = 0
        var lastReport = ContinuousClock.now
        var remaining = schemas.makeIterator()
        let total = schemas.count
        progress(MigrationProgress(done: 0, total: total, failed: 0))
        await withTaskGroup(of: (WorkspaceSchemaName, Result<Int, any Error>).self) { group in
            func startNext() -> Bool {
                guard let schema = remaining.next() else { return false }
                group.addTask {
                    do {
                        let count = try await database.client.withConnection { connection in
                            try await migrateWorkspace(schema, on: connection)
                        }
                        return (schema, .success(count))
                    } catch {
                        return (schema, .failure(error))
                    }
                }
                return true
            }
            for _ in 0..<concurrency where !startNext() { break }
            while let (schema, result) = await group.next() {
                done += 1
                switch result {
                case .success(let count):
                    if count > 0 { changed += 1; applied += count }
                case .failure(let error):
                    let message = (error as? MigrationError)?.description ?? describeDatabaseError(error)
                    failures.append(TenantMigrationFailure(schema: schema.rawValue, message: message))
                    logger.error("tenant migration failed, rolled back", metadata: ["workspace": "\(schema)", "error": "\(message)"])
                }
                let now = ContinuousClock.now
                if done == total || now - lastReport >= .seconds(1) {
                    lastReport = now
                    progress(MigrationProgress(done: done, total: total, failed: failures.count))
                }
                _ = startNext()
            }
        }
        if !failures.isEmpty {
            throw MigrationError.tenantFailures(failures.sorted { $0.schema < $1.schema })
        }
        return (changed, applied)
    }

    /// Applies the pending tenant migrations of one workspace in one transaction, as the workspace's role.
    func migrateWorkspace(_ schema: WorkspaceSchemaName, on connection: PostgresConnection) async throws -> Int {
        try await connection.inTransaction(logger: logger) { connection in
            try await connection.enterWorkspace(schema, logger: logger)
            let applied = try await Self.appliedMigrations(on: connection, table: "schema_migrations", logger: logger)
            let pending = try Self.pending(known: migrations.tenant, applied: applied, target: "workspace \(schema)")
            guard !pending.isEmpty else { return 0 }
            let scripts = pending.flatMap { [$0.sql, Self.recordSQL($0, table: "schema_migrations")] }
            try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: scripts)), logger: logger)
            return pending.count
        }
    }
}

/// How far the tenant phase has come.
public struct MigrationProgress: Sendable, Equatable {
    public let done: Int
    public let total: Int
    public let failed: Int
}

/// What a run changed.
public struct MigrationReport: Sendable, Equatable {
    public let controlApplied: [String]
    public let workspaces: Int
    public let workspacesChanged: Int
    public let tenantMigrationsApplied: Int
}
