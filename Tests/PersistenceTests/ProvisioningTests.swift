import Foundation
import PostgresNIO
import XCTest
@testable import Persistence

/// Creating and dropping workspaces, and what PostgreSQL then allows.
final class ProvisioningTests: XCTestCase {
    /// An empty database migrated with the repository's migrations, and a provisioner for it.
    private static func withMigratedDatabase(_ body: @Sendable (Database, WorkspaceProvisioner) async throws -> Void) async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            try await body(database, WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, logger: TestDatabase.logger))
        }
    }

    func testCreateMakesSchemaRoleAndRowAndDropRemovesThem() async throws {
        try await Self.withMigratedDatabase { database, provisioner in
            let workspace = try await provisioner.createWorkspace(kind: .advisor, plan: "PRO")
            let name = workspace.schema.rawValue
            try await expectRows(database, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = '\(name)'",
                [name], "the workspace role owns its schema")
            try await expectRows(database, "SELECT rolcanlogin::text || rolinherit::text || rolsuper::text FROM pg_roles WHERE rolname = '\(name)'",
                ["falsefalsefalse"])
            try await expectRows(database, "SELECT pg_has_role(current_user, '\(name)', 'MEMBER')::text || pg_has_role(current_user, '\(name)', 'USAGE')::text",
                ["truefalse"], "the app role may SET ROLE to the workspace but does not inherit its rights")
            try await expectRows(database, "SELECT has_schema_privilege('public', '\(name)', 'USAGE')::text",
                ["false"])
            try await expectRows(database, "SELECT kind || ' ' || plan FROM control.workspaces WHERE id = '\(workspace.id)'",
                ["ADVISOR PRO"])
            let tables = try await database.withWorkspaceTransaction(workspace.schema) { connection in
                let rows = try await connection.query(
                    "SELECT tablename || ':' || tableowner FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
                    logger: TestDatabase.logger)
                var values: [String] = []
                for try await value in rows.decode(String.self) { values.append(value) }
                return values
            }
            // Every tenant table exists in the new schema and belongs to the workspace's own role.
            for table in ["accounts", "budgets", "categories", "schema_migrations", "transactions", "workspace_settings"] {
                XCTAssertTrue(tables.contains("\(table):\(name)"), "\(table) in \(tables)")
            }
            XCTAssertTrue(tables.allSatisfy { $0.hasSuffix(":\(name)") }, "\(tables)")
            let listed = try await provisioner.listWorkspaces()
            XCTAssertEqual(listed.map(\.id), [workspace.id])

            let dropped = try await provisioner.dropWorkspace(id: workspace.id)
            XCTAssertTrue(dropped)
            try await expectRows(database, "SELECT count(*)::text FROM pg_namespace WHERE nspname = '\(name)'", ["0"])
            try await expectRows(database, "SELECT count(*)::text FROM pg_roles WHERE rolname = '\(name)'", ["0"])
            try await expectRows(database, "SELECT count(*)::text FROM control.workspaces", ["0"])
            let again = try await provisioner.dropWorkspace(id: workspace.id)
            XCTAssertFalse(again)
        }
    }

    func testCreateInsideAFailedTransactionLeavesNothing() async throws {
        try await Self.withMigratedDatabase { database, provisioner in
            let id = UUID()
            struct Abort: Error {}
            do {
                try await database.withControlTransaction { connection in
                    _ = try await provisioner.createWorkspace(kind: .personal, plan: "FREE", id: id, on: connection)
                    throw Abort()
                }
                XCTFail("must throw")
            } catch is Abort {}
            let name = WorkspaceSchemaName(workspaceID: id).rawValue
            try await expectRows(database, "SELECT count(*)::text FROM pg_namespace WHERE nspname = '\(name)'", ["0"])
            try await expectRows(database, "SELECT count(*)::text FROM pg_roles WHERE rolname = '\(name)'", ["0"])
        }
    }

    func testWorkspaceTransactionCannotReachAnotherWorkspaceEvenQualified() async throws {
        try await Self.withMigratedDatabase { database, provisioner in
            let mine = try await provisioner.createWorkspace(kind: .personal)
            let theirs = try await provisioner.createWorkspace(kind: .personal)
            try await database.withWorkspaceTransaction(theirs.schema) { connection in
                try await connection.query("INSERT INTO workspace_settings (key, value) VALUES ('secret', 'theirs')", logger: TestDatabase.logger)
            }
            try await database.withWorkspaceTransaction(mine.schema) { connection in
                try await connection.query("INSERT INTO workspace_settings (key, value) VALUES ('secret', 'mine')", logger: TestDatabase.logger)
            }
            // Unqualified names resolve to the workspace's own schema.
            let own = try await database.withWorkspaceTransaction(mine.schema) { connection in
                let rows = try await connection.query("SELECT value FROM workspace_settings WHERE key = 'secret'", logger: TestDatabase.logger)
                var values: [String] = []
                for try await value in rows.decode(String.self) { values.append(value) }
                return values
            }
            XCTAssertEqual(own, ["mine"])

            let attacks = [
                "SELECT value FROM \(theirs.schema.quoted).workspace_settings",
                "INSERT INTO \(theirs.schema.quoted).workspace_settings (key, value) VALUES ('x', 'y')",
                "SELECT id::text FROM control.workspaces",
                "CREATE TABLE public.leak (a int)",
            ]
            for attack in attacks {
                do {
                    try await database.withWorkspaceTransaction(mine.schema) { connection in
                        try await connection.query(PostgresQuery(unsafeSQL: attack), logger: TestDatabase.logger)
                    }
                    XCTFail("must be refused: \(attack)")
                } catch {
                    XCTAssertEqual(databaseErrorCode(error), "42501", "\(attack): \(describeDatabaseError(error))")
                    XCTAssertTrue(describeDatabaseError(error).contains("permission denied"), describeDatabaseError(error))
                }
            }
            // Outside any workspace transaction the application role has no rights on workspace tables either.
            do {
                _ = try await TestDatabase.strings(database, "SELECT value FROM \(mine.schema.quoted).workspace_settings")
                XCTFail("the app role must not read workspace tables directly")
            } catch {
                XCTAssertEqual(databaseErrorCode(error), "42501")
            }
            // The scope ends with the transaction: the next transaction on the pool is the app role again.
            let user = try await database.withControlTransaction { connection in
                let rows = try await connection.query("SELECT current_user::text", logger: TestDatabase.logger)
                var name = ""
                for try await value in rows.decode(String.self) { name = value }
                return name
            }
            XCTAssertEqual(user, try TestDatabase.settings.username)
        }
    }

    func testApplicationRoleIsNotSuperuser() async throws {
        try await Database.withRunning(settings: TestDatabase.settings, logger: TestDatabase.logger) { database in
            let flags = try await TestDatabase.strings(database, "SELECT rolsuper::text || ' ' || rolinherit::text || ' ' || rolbypassrls::text FROM pg_roles WHERE rolname = current_user")
            XCTAssertEqual(flags, ["false false false"])
        }
    }
}
