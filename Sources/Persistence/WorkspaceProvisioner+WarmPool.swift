import Foundation
import PostgresNIO

extension WorkspaceProvisioner {
    /// Taken (per transaction) by whoever warms the pool, so two processes never build the same entries twice over.
    static let warmLockKey: Int64 = 0x6275_6467_6574_7770

    /// Builds schemas for pooled ids until `target` warm entries of this provisioner's migrations wait in the pool,
    /// `batch` schemas per transaction; warm schemas of older migrations are dropped and rebuilt first (newer ones are
    /// left to the binary that built them). Returns how many schemas it built; returns at once when another process is
    /// warming. Meant for the background (a job): it does the DDL a request would otherwise do.
    @discardableResult
    public func warmPool(target: Int, batch: Int = 10) async throws -> Int {
        guard target > 0 else { return 0 }
        let batch = max(1, batch)
        var built = 0
        var refilled = false
        // Bounded, so ids that others keep locked cannot keep this loop going.
        for _ in 0..<(target / batch + 20) {
            switch try await warmStep(target: target, batch: batch) {
            case .finished:
                return built
            case .built(let count):
                built += count
                refilled = false
            case .recycled:
                continue
            case .needsRoles:
                // Pooled roles come from the usual batch, in a transaction of its own (one membership change for all).
                // A refill that others took all of before this loop could use them ends the run.
                if refilled { return built }
                try await refillRolePool()
                refilled = true
            }
        }
        return built
    }

    /// How many warm entries of this provisioner's migrations the pool holds.
    public func warmPoolCount() async throws -> Int {
        try await database.withControlTransaction { connection in try await warmCount(on: connection) }
    }

    private func warmCount(on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(
            "SELECT count(*)::int FROM control.workspace_role_pool WHERE schema_digest = \(tenantDigest)", logger: logger)
        var count = 0
        for try await value in rows.decode(Int.self) { count = value }
        return count
    }

    private enum WarmStep {
        case finished
        case built(Int)
        case recycled
        case needsRoles
    }

    private func warmStep(target: Int, batch: Int) async throws -> WarmStep {
        try await database.withControlTransaction { connection in
            guard try await tryWarmLock(on: connection) else { return .finished }
            let stale = try await poolIDs(
                """
                SELECT workspace_id FROM control.workspace_role_pool
                WHERE schema_digest <> \(tenantDigest) AND schema_version <= \(tenantVersion)
                LIMIT \(batch) FOR UPDATE SKIP LOCKED
                """, on: connection)
            if !stale.isEmpty {
                try await runScripts(Self.schemaDropScripts(for: stale.map { WorkspaceSchemaName(workspaceID: $0) }), on: connection)
                try await connection.query(
                    """
                    UPDATE control.workspace_role_pool SET schema_digest = NULL, schema_version = NULL
                    WHERE workspace_id = ANY(\(stale))
                    """, logger: logger)
                return .recycled
            }
            let wanted = min(target - (try await warmCount(on: connection)), batch)
            guard wanted > 0 else { return .finished }
            let ids = try await poolIDs(
                "SELECT workspace_id FROM control.workspace_role_pool WHERE schema_digest IS NULL LIMIT \(wanted) FOR UPDATE SKIP LOCKED",
                on: connection)
            guard !ids.isEmpty else { return .needsRoles }
            // As at provisioning: waits while a migration runner holds its lock.
            var scripts = ["SELECT pg_advisory_xact_lock_shared(\(MigrationRunner.lockKey))"]
            for id in ids { scripts += schemaScripts(for: WorkspaceSchemaName(workspaceID: id)) }
            try await runScripts(scripts, on: connection)
            try await connection.query(
                """
                UPDATE control.workspace_role_pool SET schema_digest = \(tenantDigest), schema_version = \(tenantVersion)
                WHERE workspace_id = ANY(\(ids))
                """, logger: logger)
            logger.debug("warmed workspace pool", metadata: ["schemas": "\(ids.count)"])
            return .built(ids.count)
        }
    }

    private func tryWarmLock(on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.warmLockKey))", logger: logger)
        var locked = false
        for try await value in rows.decode(Bool.self) { locked = value }
        return locked
    }

    /// The ids a query of the pool answers.
    private func poolIDs(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [UUID] {
        let rows = try await connection.query(query, logger: logger)
        var ids: [UUID] = []
        for try await id in rows.decode(UUID.self) { ids.append(id) }
        return ids
    }

    private func runScripts(_ scripts: [String], on connection: PostgresConnection) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: scripts)), logger: logger)
    }
}
