import Logging
import PostgresNIO

extension MigrationRunner {
    /// The control schema and its bookkeeping table, which must exist before applied migrations can be read.
    static let controlBootstrapSQL = """
        CREATE SCHEMA IF NOT EXISTS control;
        CREATE TABLE IF NOT EXISTS control.schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """

    /// The bookkeeping table of a workspace schema, created when the workspace is provisioned.
    static let tenantBootstrapSQL = """
        CREATE TABLE schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """

    /// The statement that records `migration` as applied; every value in it comes from a validated file name or a hash.
    static func recordSQL(_ migration: Migration, table: String) -> String {
        "INSERT INTO \(table) (version, name, checksum) VALUES (\(migration.version), \(SQLText.literal(migration.name)), \(SQLText.literal(migration.checksum)))"
    }

    /// (version, name, checksum) of each applied migration in `table`.
    static func appliedMigrations(on connection: PostgresConnection, table: String, logger: Logger) async throws -> [AppliedMigration] {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT version, name, checksum FROM \(table) ORDER BY version"),
            logger: logger
        )
        var applied: [AppliedMigration] = []
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            applied.append(AppliedMigration(version: version, name: name, checksum: checksum))
        }
        return applied
    }

    /// The migrations of `known` not yet applied, in order; an applied file that changed or vanished is an error.
    static func pending(known: [Migration], applied: [AppliedMigration], target: String) throws(MigrationError) -> [Migration] {
        var byVersion: [Int: Migration] = [:]
        for migration in known { byVersion[migration.version] = migration }
        for record in applied {
            guard let migration = byVersion[record.version] else {
                throw .unknownAppliedMigration(version: record.version, name: record.name, target: target)
            }
            guard migration.checksum == record.checksum else {
                throw .checksumMismatch(file: migration.displayName, target: target)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return known.filter { !appliedVersions.contains($0.version) }
    }

    /// Every workspace schema in control.workspaces, oldest first.
    static func workspaceSchemas(on connection: PostgresConnection, logger: Logger) async throws -> [WorkspaceSchemaName] {
        let rows = try await connection.query("SELECT schema_name FROM control.workspaces ORDER BY created_at, id", logger: logger)
        var schemas: [WorkspaceSchemaName] = []
        for try await name in rows.decode(String.self) {
            guard let schema = WorkspaceSchemaName(validating: name) else { continue }
            schemas.append(schema)
        }
        return schemas
    }
}

/// A row of a schema_migrations table.
struct AppliedMigration: Sendable, Equatable {
    let version: Int
    let name: String
    let checksum: String
}
