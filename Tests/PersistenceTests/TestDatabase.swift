import Foundation
import Logging
import Persistence
import PostgresNIO
import XCTest

/// The test database from DATABASE_URL (scripts/test.sh sets it), defaulting to the local stack's test database.
enum TestDatabase {
    static let url = ProcessInfo.processInfo.environment["DATABASE_URL"]
        ?? "postgres://budgetai:budgetai@127.0.0.1:54329/budgetai_test"

    static var settings: DatabaseSettings {
        get throws { try DatabaseSettings(url: url, maximumConnections: 8) }
    }

    static let logger: Logger = {
        var logger = Logger(label: "tests")
        logger.logLevel = .warning
        return logger
    }()

    /// The repository's migrations folder.
    static let repositoryMigrations = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("migrations")

    /// Runs `body` against a running pool on an empty database: no control schema, no workspace schemas or roles.
    static func withEmptyDatabase(_ body: @Sendable (Database) async throws -> Void) async throws {
        try await Database.withRunning(settings: settings, logger: logger) { database in
            try await reset(database)
            try await body(database)
        }
    }

    /// Runs `body` on an empty database migrated with the repository's migrations, which it is given too.
    static func withMigratedDatabase(_ body: @Sendable (Database, MigrationSet) async throws -> Void) async throws {
        try await withEmptyDatabase { database in
            let set = try MigrationSet.load(from: repositoryMigrations)
            try await MigrationRunner(database: database, migrations: set, concurrency: 2, logger: logger).run()
            try await body(database, set)
        }
    }

    /// Drops every workspace schema and role of this database, then the control schema.
    static func reset(_ database: Database) async throws {
        try await database.client.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT n.nspname FROM pg_namespace n
                WHERE n.nspname ~ '^ws_[0-9a-f]{32}$'
                """,
                logger: logger
            )
            var names: [String] = []
            for try await name in rows.decode(String.self) { names.append(name) }
            for name in names {
                let quoted = "\"\(name)\""
                try await connection.query(PostgresQuery(unsafeSQL: "BEGIN; "), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL ROLE \(quoted)"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(quoted) CASCADE"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "RESET ROLE"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "DROP ROLE \(quoted)"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "COMMIT"), logger: logger)
            }
            // Role-only pool entries have no schema.
            var pooled: [String] = []
            let exists = try await connection.query("SELECT to_regclass('control.workspace_role_pool') IS NOT NULL", logger: logger)
            var hasPool = false
            for try await value in exists.decode(Bool.self) { hasPool = value }
            if hasPool {
                let pool = try await connection.query(
                    "SELECT 'ws_' || replace(workspace_id::text, '-', '') FROM control.workspace_role_pool", logger: logger)
                for try await name in pool.decode(String.self) { pooled.append(name) }
            }
            if !pooled.isEmpty {
                // Warm entries lost their role with their schema above.
                try await connection.query(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS " + pooled.map { "\"\($0)\"" }.joined(separator: ", ")), logger: logger)
            }
            try await connection.query("DROP SCHEMA IF EXISTS control CASCADE", logger: logger)
        }
    }

    /// A temporary migrations folder with the given files, as ["control/0001_a.sql": "..."].
    static func migrationsFolder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("budgetai-migrations-\(UUID().uuidString)")
        for (path, sql) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(sql.utf8).write(to: url)
        }
        return folder
    }

    /// Values of one text column from a query run as the application role.
    static func strings(_ database: Database, _ sql: String) async throws -> [String] {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        var values: [String] = []
        for try await value in rows.decode(String.self) { values.append(value) }
        return values
    }
}

/// Asserts that `sql` returns exactly `expected` (one text column).
func expectRows(
    _ database: Database, _ sql: String, _ expected: [String], _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) async throws {
    let rows = try await TestDatabase.strings(database, sql)
    XCTAssertEqual(rows, expected, message, file: file, line: line)
}
