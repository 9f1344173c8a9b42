import Foundation
import Logging
import PostgresNIO

/// Creates and drops workspaces: schema, role, grants, tenant migrations and the control.workspaces row.
public struct WorkspaceProvisioner: Sendable {
    public let database: Database
    /// The tenant migrations every new workspace gets, all of them, in order.
    public let tenantMigrations: [Migration]
    let logger: Logger

    /// Creates a provisioner that applies `tenantMigrations` to each new workspace.
    public init(database: Database, tenantMigrations: [Migration], logger: Logger) {
        self.database = database
        self.tenantMigrations = tenantMigrations
        self.logger = logger
    }

    /// Creates a workspace in its own transaction.
    public func createWorkspace(kind: WorkspaceKind, plan: String = "FREE", id: UUID = UUID()) async throws -> Workspace {
        try await database.withControlTransaction { connection in
            try await createWorkspace(kind: kind, plan: plan, id: id, on: connection)
        }
    }

    /// Creates a workspace inside the caller's open control transaction, so it commits or rolls back with the caller's work.
    public func createWorkspace(kind: WorkspaceKind, plan: String, id: UUID, on connection: PostgresConnection) async throws -> Workspace {
        let schema = WorkspaceSchemaName(workspaceID: id)
        // One round trip for all the DDL: role, membership, schema, bookkeeping and every tenant migration.
        try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: creationScripts(for: schema))), logger: logger)
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
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                "DELETE FROM control.workspaces WHERE id = \(id) RETURNING schema_name",
                logger: logger
            )
            var name: String?
            for try await value in rows.decode(String.self) { name = value }
            guard let name, let schema = WorkspaceSchemaName(validating: name) else { return false }
            try await connection.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: Self.dropScripts(for: schema))), logger: logger)
            return true
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
    func creationScripts(for schema: WorkspaceSchemaName) -> [String] {
        let name = schema.quoted
        var scripts = [
            // Waits while a migration runner holds the lock, so a new workspace never misses a migration.
            "SELECT pg_advisory_xact_lock_shared(\(MigrationRunner.lockKey))",
            "CREATE ROLE \(name) NOLOGIN NOINHERIT",
            // The application's role is NOINHERIT: it may SET ROLE to the workspace but has none of its rights otherwise.
            "GRANT \(name) TO CURRENT_USER",
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

    /// The DDL that drops a workspace: its objects as its own role, then the role.
    static func dropScripts(for schema: WorkspaceSchemaName) -> [String] {
        let name = schema.quoted
        return [
            "SELECT pg_advisory_xact_lock_shared(\(MigrationRunner.lockKey))",
            "SET LOCAL ROLE \(name)",
            "DROP SCHEMA \(name) CASCADE",
            "RESET ROLE",
            "DROP ROLE \(name)",
        ]
    }
}
