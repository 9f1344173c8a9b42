import Foundation
import PostgresNIO
import XCTest
@testable import Persistence

/// Pooled workspaces whose schema is built ahead ("warm"): taken without DDL, topped up, rebuilt when built with other
/// migrations, and dropped with the pool.
final class WarmPoolTests: XCTestCase {
    private static func ids(_ database: Database, _ sql: String) async throws -> Set<String> {
        Set(try await TestDatabase.strings(database, sql))
    }

    /// The schema's oid: it stays the same only if the schema was not dropped and created again.
    private static func schemaOID(_ database: Database, _ id: UUID) async throws -> String? {
        try await TestDatabase.strings(database, "SELECT oid::text FROM pg_namespace WHERE nspname = '\(WorkspaceSchemaName(workspaceID: id))'").first
    }

    /// Versions recorded in the workspace's schema_migrations, and its default categories, read as the workspace.
    private static func contents(_ database: Database, _ id: UUID) async throws -> (versions: [Int], categories: Int) {
        try await database.withWorkspaceTransaction(WorkspaceSchemaName(workspaceID: id)) { connection in
            var versions: [Int] = []
            for try await version in try await connection.query("SELECT version FROM schema_migrations ORDER BY version", logger: TestDatabase.logger).decode(Int.self) {
                versions.append(version)
            }
            var categories = 0
            for try await count in try await connection.query("SELECT count(*)::int FROM categories", logger: TestDatabase.logger).decode(Int.self) {
                categories = count
            }
            return (versions, categories)
        }
    }

    func testAWarmEntryBecomesAWorkspaceWithoutDDL() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 4, logger: TestDatabase.logger)
            let built = try await provisioner.warmPool(target: 3, batch: 2)
            XCTAssertEqual(built, 3)
            let warmCount = try await provisioner.warmPoolCount()
            XCTAssertEqual(warmCount, 3)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool WHERE schema_digest IS NULL", ["1"], "a batch of 4 roles, 3 warmed")
            let warm = try await Self.ids(database, "SELECT workspace_id::text FROM control.workspace_role_pool WHERE schema_digest IS NOT NULL")
            var oids: [String: String] = [:]
            for id in warm { oids[id] = try await Self.schemaOID(database, try XCTUnwrap(UUID(uuidString: id))) }
            XCTAssertEqual(oids.count, 3, "each warm entry has its schema")

            let workspace = try await provisioner.createWorkspace(kind: .personal)
            let id = workspace.id.uuidString.lowercased()
            XCTAssertTrue(warm.contains(id), "a warm entry is taken before a role-only one")
            let oidAfter = try await Self.schemaOID(database, workspace.id)
            XCTAssertEqual(oidAfter, oids[id], "the warm schema itself became the workspace's")
            let contents = try await Self.contents(database, workspace.id)
            XCTAssertEqual(contents.versions, set.tenant.map(\.version))
            XCTAssertGreaterThan(contents.categories, 0)
            try await expectRows(database, "SELECT kind FROM control.workspaces WHERE id = '\(id)'", ["PERSONAL"])
            let left = try await provisioner.warmPoolCount()
            XCTAssertEqual(left, 2)

            // A claim that rolls back leaves its entry warm, schema and all.
            struct Abort: Error {}
            var claimed: UUID?
            do {
                try await database.withControlTransaction { connection in
                    claimed = try await provisioner.createWorkspace(kind: .business, plan: "FREE", on: connection).id
                    throw Abort()
                }
            } catch is Abort {}
            let rolledBack = try XCTUnwrap(claimed)
            try await expectRows(
                database, "SELECT (schema_digest = '\(provisioner.tenantDigest)')::text FROM control.workspace_role_pool WHERE workspace_id = '\(rolledBack)'", ["true"])
            let oidRolledBack = try await Self.schemaOID(database, rolledBack)
            XCTAssertEqual(oidRolledBack, oids[rolledBack.uuidString.lowercased()])
        }
    }

    func testWarmingTopsUpToItsTargetOnly() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 2, logger: TestDatabase.logger)
            let first = try await provisioner.warmPool(target: 3)
            let again = try await provisioner.warmPool(target: 3)
            XCTAssertEqual([first, again], [3, 0])
            _ = try await provisioner.createWorkspace(kind: .personal)
            _ = try await provisioner.createWorkspace(kind: .personal)
            let topUp = try await provisioner.warmPool(target: 3)
            XCTAssertEqual(topUp, 2)
            let none = try await provisioner.warmPool(target: 0)
            XCTAssertEqual(none, 0)
            let count = try await provisioner.warmPoolCount()
            XCTAssertEqual(count, 3)
        }
    }

    func testSchemasBuiltWithOtherMigrationsAreRebuilt() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let older = WorkspaceProvisioner(
                database: database, tenantMigrations: Array(set.tenant.dropLast()), rolePoolBatch: 2, logger: TestDatabase.logger)
            let current = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 2, logger: TestDatabase.logger)
            XCTAssertNotEqual(older.tenantDigest, current.tenantDigest)
            _ = try await older.warmPool(target: 2)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool WHERE schema_digest IS NULL", ["0"])

            // Only other migrations' warm entries left: a claim does not rebuild one in the request, it takes a new role.
            let stale = try await Self.ids(database, "SELECT workspace_id::text FROM control.workspace_role_pool")
            try await older.refillRolePoolIfEmpty()
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool", ["2"], "the older one can take its own")
            try await current.refillRolePoolIfEmpty()
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool WHERE schema_digest IS NULL", ["2"], "a batch for the current one")
            let workspace = try await current.createWorkspace(kind: .personal)
            XCTAssertFalse(stale.contains(workspace.id.uuidString.lowercased()))
            let contents = try await Self.contents(database, workspace.id)
            XCTAssertEqual(contents.versions, set.tenant.map(\.version))
            // A caller's chosen id that is such an entry gets its schema rebuilt with the current migrations.
            let chosen = try XCTUnwrap(UUID(uuidString: try XCTUnwrap(stale.sorted().first)))
            _ = try await current.createWorkspace(kind: .business, id: chosen)
            let rebuilt = try await Self.contents(database, chosen)
            XCTAssertEqual(rebuilt.versions, set.tenant.map(\.version))

            // Warming replaces the older schema left in the pool, then builds its own.
            let built = try await current.warmPool(target: 2)
            XCTAssertEqual(built, 2)
            try await expectRows(
                database, "SELECT count(*)::text FROM control.workspace_role_pool WHERE schema_digest = '\(older.tenantDigest)'", ["0"])
            let currentCount = try await current.warmPoolCount()
            XCTAssertEqual(currentCount, 2)
            for id in try await Self.ids(database, "SELECT workspace_id::text FROM control.workspace_role_pool WHERE schema_digest IS NOT NULL") {
                let versions = try await Self.contents(database, try XCTUnwrap(UUID(uuidString: id))).versions
                XCTAssertEqual(versions, set.tenant.map(\.version))
            }

            // The older binary leaves schemas newer than its migrations alone and builds its own beside them.
            let olderBuilt = try await older.warmPool(target: 1)
            XCTAssertEqual(olderBuilt, 1)
            let stillCurrent = try await current.warmPoolCount()
            XCTAssertEqual(stillCurrent, 2)
        }
    }

    func testDrainingThePoolDropsWarmSchemasAndRoles() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 3, logger: TestDatabase.logger)
            _ = try await provisioner.warmPool(target: 2)
            let pooled = try await TestDatabase.strings(
                database, "SELECT '''' || 'ws_' || replace(workspace_id::text, '-', '') || '''' FROM control.workspace_role_pool")
            XCTAssertEqual(pooled.count, 3)
            let drained = try await provisioner.drainRolePool()
            XCTAssertEqual(drained, 3)
            let names = pooled.joined(separator: ",")
            try await expectRows(database, "SELECT count(*)::text FROM pg_namespace WHERE nspname IN (\(names))", ["0"])
            try await expectRows(database, "SELECT count(*)::text FROM pg_roles WHERE rolname IN (\(names))", ["0"])
        }
    }
}
