import Crypto
import Foundation
import Logging
import PostgresNIO

/// Creates and drops workspaces: schema, role, grants, tenant migrations and the control.workspaces row.
///
/// Ids come from `control.workspace_role_pool`: each entry's role already exists, and a warm entry also has its schema,
/// built with `tenantMigrations` (see `warmPool(target:batch:)`); taking a warm entry skips all of the DDL.
public struct WorkspaceProvisioner: Sendable {
    public let database: Database
    /// The tenant migrations every new workspace gets, all of them, in order.
    public let tenantMigrations: [Migration]
    /// SHA-256 over `tenantMigrations`' versions and checksums: a warm schema built with exactly these carries it.
    public let tenantDigest: String
    /// The highest version in `tenantMigrations` (0 when there are none).
    public let tenantVersion: Int
    /// How many workspace roles are created ahead in one transaction when the pool is empty.
    public let rolePoolBatch: Int
    let logger: Logger

    /// Creates a provisioner that applies `tenantMigrations` to each new workspace.
    public init(database: Database, tenantMigrations: [Migration], rolePoolBatch: Int = 100, logger: Logger) {
        self.database = database
        self.tenantMigrations = tenantMigrations
        self.tenantDigest = Self.digest(of: tenantMigrations)
        self.tenantVersion = tenantMigrations.map(\.version).max() ?? 0
        self.rolePoolBatch = max(1, rolePoolBatch)
        self.logger = logger
    }

    /// The digest a warm schema built with `migrations` carries.
    static func digest(of migrations: [Migration]) -> String {
        SHA256.hex(of: migrations.map { "\($0.version):\($0.checksum)" }.joined(separator: "\n"))
    }

    /// Creates a workspace in its own transaction, with an id (and role) taken from the role pool.
    public func createWorkspace(kind: WorkspaceKind, plan: String = "FREE") async throws -> Workspace {
        try await database.withControlTransaction { connection in
            try await createWorkspace(kind: kind, plan: plan, on: connection)
        }
    }

    /// Creates a workspace with a chosen id in its own transaction; its role is created on the spot (the slow path).
    public func createWorkspace(kind: WorkspaceKind, plan: String = "FREE", id: UUID) async throws -> Workspace {
        try await database.withControlTransaction { connection in
            try await createWorkspace(kind: kind, plan: plan, id: id, on: connection)
        }
    }

    /// Creates a workspace inside the caller's open control transaction, so it commits or rolls back with the caller's
    /// work; a rollback also returns the claimed id to the pool.
    public func createWorkspace(kind: WorkspaceKind, plan: String, on connection: PostgresConnection) async throws -> Workspace {
        var claimed = try await claimPooledEntry(on: connection)
        if claimed == nil {
            try await refillRolePool()
            claimed = try await claimPooledEntry(on: connection)
        }
        guard let (id, digest) = claimed else { throw ProvisioningError.rolePoolExhausted }
        return try await provision(kind: kind, plan: plan, id: id, pooled: pooledSchema(digest: digest), on: connection)
    }

    /// Creates a workspace with a chosen id inside the caller's open control transaction.
    public func createWorkspace(kind: WorkspaceKind, plan: String, id: UUID, on connection: PostgresConnection) async throws -> Workspace {
        let pooled = try await connection.query(
            "DELETE FROM control.workspace_role_pool WHERE workspace_id = \(id) RETURNING schema_digest", logger: logger)
        var entry: PooledSchema?
        for try await digest in pooled.decode(String?.self) { entry = pooledSchema(digest: digest) }
        return try await provision(kind: kind, plan: plan, id: id, pooled: entry, on: connection)
    }

    /// What a claimed pool entry holds besides its role.
    enum PooledSchema {
        /// The role only.
        case none
        /// A schema built with this provisioner's tenant migrations.
        case current
        /// A schema built with other migrations (an id chosen by the caller): rebuilt.
        case stale
    }

    func pooledSchema(digest: String?) -> PooledSchema {
        guard let digest else { return .none }
        return digest == tenantDigest ? .current : .stale
    }

    /// `pooled` nil: the id was not in the pool, so its role is created too.
    private func provision(kind: WorkspaceKind, plan: String, id: UUID, pooled: PooledSchema?, on connection: PostgresConnection) async throws -> Workspace {
        let schema = WorkspaceSchemaName(workspaceID: id)
        if pooled != .current {
            // One round trip for all the DDL: schema, bookkeeping and every tenant migration (and the role, if not pooled).
            let scripts = creationScripts(for: schema, createRole: pooled == nil, replacingSchema: pooled == .stale)
            try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: scripts)), logger: logger)
        }
        let rows = try await connection.query(
            """
            INSERT INTO control.workspaces (id, kind, schema_name, plan)
            VALUES (\(id), \(kind.rawValue), \(schema.rawValue), \(plan))
            RETURNING created_at
            """,
            logger: logger
        )
        var createdAt = Date()
        for try await value in rows.decode(Date.self) { createdAt = value }
        return Workspace(id: id, kind: kind, schema: schema, plan: plan, createdAt: createdAt)
    }

    /// Drops a workspace's schema (with all its data), its role and its control row; false if no such workspace.
    @discardableResult
    public func dropWorkspace(id: UUID) async throws -> Bool {
        try await dropWorkspaces(ids: [id]) == 1
    }

    /// Drops several workspaces in one transaction, so their roles go in one role change; returns how many existed.
    @discardableResult
    public func dropWorkspaces(ids: [UUID]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                "DELETE FROM control.workspaces WHERE id = ANY(\(ids)) RETURNING schema_name",
                logger: logger
            )
            var schemas: [WorkspaceSchemaName] = []
            for try await value in rows.decode(String.self) {
                if let schema = WorkspaceSchemaName(validating: value) { schemas.append(schema) }
            }
            guard !schemas.isEmpty else { return 0 }
            try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: Self.dropScripts(for: schemas))), logger: logger)
            return schemas.count
        }
    }

    /// Takes one id from the pool inside the caller's transaction, a warm one of this provisioner's migrations if
    /// there is one, with the digest of its schema (nil: no schema); nil when the pool holds neither. Warm schemas of
    /// other migrations are left to `warmPool`, which rebuilds them in the background rather than in a request.
    private func claimPooledEntry(on connection: PostgresConnection) async throws -> (UUID, String?)? {
        let rows = try await connection.query(
            """
            DELETE FROM control.workspace_role_pool
            WHERE workspace_id = (
                SELECT workspace_id FROM control.workspace_role_pool
                WHERE schema_digest IS NULL OR schema_digest = \(tenantDigest)
                ORDER BY schema_digest IS NULL
                LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING workspace_id, schema_digest
            """,
            logger: logger
        )
        var entry: (UUID, String?)?
        for try await (id, digest) in rows.decode((UUID, String?).self) { entry = (id, digest) }
        return entry
    }

    /// Creates `rolePoolBatch` workspace roles, granted to the application's role, in one transaction of its own.
    public func refillRolePool() async throws {
        let ids = (0..<rolePoolBatch).map { _ in UUID() }
        var scripts: [String] = []
        for id in ids {
            let name = WorkspaceSchemaName(workspaceID: id).quoted
            scripts.append("CREATE ROLE \(name) NOLOGIN NOINHERIT")
            // The application's role is NOINHERIT: it may SET ROLE to the workspace but has none of its rights otherwise.
            scripts.append("GRANT \(name) TO CURRENT_USER")
        }
        try await database.withControlTransaction { connection in
            try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: scripts)), logger: logger)
            try await connection.query(
                "INSERT INTO control.workspace_role_pool (workspace_id) SELECT unnest(\(ids)::uuid[])", logger: logger)
        }
        logger.debug("refilled workspace role pool", metadata: ["roles": "\(ids.count)"])
    }

    /// Refills the role pool when it holds no entry `createWorkspace` would take, outside any transaction of the
    /// caller's (a refill inside one would hold a second connection while it runs).
    public func refillRolePoolIfEmpty() async throws {
        let rows = try await database.client.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM control.workspace_role_pool WHERE schema_digest IS NULL OR schema_digest = \(tenantDigest))
            """,
            logger: logger)
        var available = true
        for try await exists in rows.decode(Bool.self) { available = exists }
        if !available { try await refillRolePool() }
    }

    /// Drops every unused pooled role, and the schemas of warm entries, 20 entries per transaction (a schema's drop
    /// locks some 80 objects); returns how many entries (for clean-ups and tests).
    @discardableResult
    public func drainRolePool() async throws -> Int {
        var drained = 0
        while true {
            let count = try await database.withControlTransaction { connection in
                let rows = try await connection.query(
                    """
                    DELETE FROM control.workspace_role_pool
                    WHERE workspace_id IN (SELECT workspace_id FROM control.workspace_role_pool LIMIT 20 FOR UPDATE SKIP LOCKED)
                    RETURNING workspace_id, schema_digest IS NOT NULL
                    """,
                    logger: logger)
                var roles: [WorkspaceSchemaName] = []
                var schemas: [WorkspaceSchemaName] = []
                for try await (id, warm) in rows.decode((UUID, Bool).self) {
                    roles.append(WorkspaceSchemaName(workspaceID: id))
                    if warm { schemas.append(WorkspaceSchemaName(workspaceID: id)) }
                }
                guard !roles.isEmpty else { return 0 }
                var scripts = schemas.isEmpty ? [] : Self.schemaDropScripts(for: schemas)
                scripts.append("DROP ROLE " + roles.map(\.quoted).joined(separator: ", "))
                try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: scripts)), logger: logger)
                return roles.count
            }
            guard count > 0 else { return drained }
            drained += count
        }
    }

    /// Every workspace, oldest first.
    public func listWorkspaces() async throws -> [Workspace] {
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                "SELECT id, kind, schema_name, plan, created_at FROM control.workspaces ORDER BY created_at, id",
                logger: logger
            )
            var workspaces: [Workspace] = []
            for try await (id, kind, schemaName, plan, createdAt) in rows.decode((UUID, String, String, String, Date).self) {
                guard let kind = WorkspaceKind(rawValue: kind), let schema = WorkspaceSchemaName(validating: schemaName) else { continue }
                workspaces.append(Workspace(id: id, kind: kind, schema: schema, plan: plan, createdAt: createdAt))
            }
            return workspaces
        }
    }

    /// The DDL that creates a workspace; the schema and the tables in it are owned by the workspace's role.
    /// `replacingSchema` drops a schema of that name first (a warm schema built with other migrations).
    func creationScripts(for schema: WorkspaceSchemaName, createRole: Bool, replacingSchema: Bool = false) -> [String] {
        let name = schema.quoted
        var scripts = [
            // Waits while a migration runner holds the lock, so a new workspace never misses a migration.
            "SELECT pg_advisory_xact_lock_shared(\(MigrationRunner.lockKey))"
        ]
        if createRole {
            scripts.append("CREATE ROLE \(name) NOLOGIN NOINHERIT")
            scripts.append("GRANT \(name) TO CURRENT_USER")
        }
        if replacingSchema { scripts += Self.schemaDropScripts(for: [schema]) }
        return scripts + schemaScripts(for: schema)
    }

    /// The DDL that creates a workspace's schema, its bookkeeping and every tenant migration, its role existing.
    func schemaScripts(for schema: WorkspaceSchemaName) -> [String] {
        let name = schema.quoted
        var scripts = [
            "CREATE SCHEMA \(name) AUTHORIZATION \(name)",
            "SET LOCAL ROLE \(name)",
            // A no-op for a new schema, kept so the intent survives a change of PostgreSQL's defaults.
            "REVOKE ALL ON SCHEMA \(name) FROM PUBLIC",
            "SET LOCAL search_path = \(name)",
            MigrationRunner.tenantBootstrapSQL,
        ]
        for migration in tenantMigrations {
            scripts.append(migration.sql)
            scripts.append(MigrationRunner.recordSQL(migration, table: "schema_migrations"))
        }
        scripts.append("RESET ROLE")
        scripts.append("RESET search_path")
        return scripts
    }

    /// The DDL that drops workspaces: each schema as its own role, then all the roles in one statement.
    static func dropScripts(for schemas: [WorkspaceSchemaName]) -> [String] {
        ["SELECT pg_advisory_xact_lock_shared(\(MigrationRunner.lockKey))"] + schemaDropScripts(for: schemas)
            + ["DROP ROLE " + schemas.map(\.quoted).joined(separator: ", ")]
    }

    /// Drops each schema as its own role (the owner), keeping the roles.
    static func schemaDropScripts(for schemas: [WorkspaceSchemaName]) -> [String] {
        schemas.flatMap { ["SET LOCAL ROLE \($0.quoted)", "DROP SCHEMA \($0.quoted) CASCADE", "RESET ROLE"] }
    }
}

/// Why a workspace could not be provisioned.
public enum ProvisioningError: Error, Equatable, CustomStringConvertible {
    /// Other provisioners took every pooled role, twice in a row.
    case rolePoolExhausted

    public var description: String {
        "no workspace role left in the pool after refilling it; retry, or raise the pool batch size"
    }
}
