import Foundation
import PostgresNIO
import XCTest
@testable import Persistence

/// The pool of pre-created workspace roles.
final class RolePoolTests: XCTestCase {
    func testWorkspacesTakeTheirIdFromThePoolAndRefillInBatches() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 3, logger: TestDatabase.logger)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool", ["0"])
            let first = try await provisioner.createWorkspace(kind: .personal)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool", ["2"], "a batch of 3, one taken")
            let pooledIDs = try await TestDatabase.strings(database, "SELECT workspace_id::text FROM control.workspace_role_pool")
            for id in pooledIDs {
                let role = "ws_" + id.replacingOccurrences(of: "-", with: "")
                try await expectRows(database, "SELECT pg_has_role(current_user, '\(role)', 'MEMBER')::text", ["true"], "pooled roles are granted ahead")
            }
            _ = try await provisioner.createWorkspace(kind: .personal)
            _ = try await provisioner.createWorkspace(kind: .personal)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool", ["0"])
            _ = try await provisioner.createWorkspace(kind: .personal)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool", ["2"])
            try await expectRows(database, "SELECT count(*)::text FROM control.workspaces", ["4"])
            XCTAssertFalse(pooledIDs.contains(first.id.uuidString.lowercased()))
        }
    }

    func testRollbackReturnsTheIdToThePool() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 2, logger: TestDatabase.logger)
            try await provisioner.refillRolePool()
            struct Abort: Error {}
            var claimed: UUID?
            do {
                try await database.withControlTransaction { connection in
                    claimed = try await provisioner.createWorkspace(kind: .business, plan: "FREE", on: connection).id
                    throw Abort()
                }
            } catch is Abort {}
            let id = try XCTUnwrap(claimed)
            try await expectRows(database, "SELECT count(*)::text FROM control.workspace_role_pool WHERE workspace_id = '\(id)'", ["1"])
            try await expectRows(database, "SELECT count(*)::text FROM pg_namespace WHERE nspname = '\(WorkspaceSchemaName(workspaceID: id))'", ["0"])
        }
    }

    func testBatchDropRemovesEverything() async throws {
        try await TestDatabase.withMigratedDatabase { database, set in
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: set.tenant, rolePoolBatch: 5, logger: TestDatabase.logger)
            var ids: [UUID] = []
            for _ in 0..<4 { ids.append(try await provisioner.createWorkspace(kind: .personal).id) }
            let dropped = try await provisioner.dropWorkspaces(ids: ids + [UUID()])
            XCTAssertEqual(dropped, 4)
            let names = ids.map { "'\(WorkspaceSchemaName(workspaceID: $0))'" }.joined(separator: ",")
            try await expectRows(database, "SELECT count(*)::text FROM pg_namespace WHERE nspname IN (\(names))", ["0"])
            try await expectRows(database, "SELECT count(*)::text FROM pg_roles WHERE rolname IN (\(names))", ["0"])
            try await expectRows(database, "SELECT count(*)::text FROM control.workspaces", ["0"])
            let pooled = try await TestDatabase.strings(database, "SELECT 'ws_' || replace(workspace_id::text, '-', '') FROM control.workspace_role_pool")
            XCTAssertFalse(pooled.isEmpty)
            let drained = try await provisioner.drainRolePool()
            XCTAssertEqual(drained, pooled.count)
            let poolNames = pooled.map { "'\($0)'" }.joined(separator: ",")
            try await expectRows(database, "SELECT count(*)::text FROM pg_roles WHERE rolname IN (\(poolNames))", ["0"])
        }
    }
}
