import Foundation
import XCTest
@testable import Persistence

final class MigrationSetTests: XCTestCase {
    func testFileNamesMustHaveVersionAndLowercaseName() {
        XCTAssertEqual(MigrationSet.parseFileName("0001_create_things.sql")?.0, 1)
        XCTAssertEqual(MigrationSet.parseFileName("0042_x2.sql")?.1, "x2")
        XCTAssertNil(MigrationSet.parseFileName("1_short.sql"))
        XCTAssertNil(MigrationSet.parseFileName("0001_Upper.sql"))
        XCTAssertNil(MigrationSet.parseFileName("0001-dash.sql"))
        XCTAssertNil(MigrationSet.parseFileName("0000_zero.sql"))
        XCTAssertNil(MigrationSet.parseFileName("0001_.sql"))
    }

    func testLoadsBothScopesInVersionOrder() throws {
        let folder = try TestDatabase.migrationsFolder([
            "control/0002_second.sql": "SELECT 2;",
            "control/0001_first.sql": "SELECT 1;",
            "tenant/0010_later.sql": "SELECT 10;",
            "tenant/0003_earlier.sql": "SELECT 3;",
        ])
        let set = try MigrationSet.load(from: folder)
        XCTAssertEqual(set.control.map(\.fileName), ["0001_first.sql", "0002_second.sql"])
        XCTAssertEqual(set.tenant.map(\.displayName), ["tenant/0003_earlier.sql", "tenant/0010_later.sql"])
    }

    func testBadNameAndDuplicateVersionAreErrorsNamingTheFiles() throws {
        let bad = try TestDatabase.migrationsFolder(["control/01_bad.sql": "SELECT 1;"])
        XCTAssertThrowsError(try MigrationSet.load(from: bad)) { error in
            XCTAssertEqual(error as? MigrationError, .badFileName("control/01_bad.sql"))
        }
        let duplicate = try TestDatabase.migrationsFolder([
            "tenant/0001_a.sql": "SELECT 1;", "tenant/0001_b.sql": "SELECT 2;",
        ])
        XCTAssertThrowsError(try MigrationSet.load(from: duplicate)) { error in
            XCTAssertEqual(error as? MigrationError, .duplicateVersion("tenant/0001_a.sql", "tenant/0001_b.sql"))
        }
    }

    func testMissingFolderIsAnError() {
        XCTAssertThrowsError(try MigrationSet.load(from: URL(fileURLWithPath: "/nonexistent/budgetai"))) { error in
            XCTAssertEqual(error as? MigrationError, .folderMissing("/nonexistent/budgetai"))
        }
    }

    func testChecksumIsSHA256OfTheText() {
        let migration = Migration(scope: .control, version: 1, name: "a", sql: "abc")
        XCTAssertEqual(migration.checksum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testRepositoryMigrationsLoad() throws {
        let set = try MigrationSet.load(from: TestDatabase.repositoryMigrations)
        XCTAssertFalse(set.control.isEmpty)
        XCTAssertFalse(set.tenant.isEmpty)
    }

    func testDollarQuotingAvoidsTagsInTheText() {
        XCTAssertEqual(SQLText.dollarQuoted("x"), "$budgetai$x$budgetai$")
        XCTAssertEqual(SQLText.dollarQuoted("a $budgetai$ b"), "$budgetai1$a $budgetai$ b$budgetai1$")
        XCTAssertEqual(SQLText.literal("it's"), "'it''s'")
        XCTAssertEqual(SQLText.identifier("a\"b"), "\"a\"\"b\"")
    }

    func testWorkspaceSchemaNamesHaveOneShape() {
        let id = UUID(uuidString: "D3E0D3E0-0000-4000-8000-000000000001")!
        XCTAssertEqual(WorkspaceSchemaName(workspaceID: id).rawValue, "ws_d3e0d3e0000040008000000000000001")
        XCTAssertNotNil(WorkspaceSchemaName(validating: "ws_d3e0d3e0000040008000000000000001"))
        XCTAssertNil(WorkspaceSchemaName(validating: "ws_D3E0D3E0000040008000000000000001"))
        XCTAssertNil(WorkspaceSchemaName(validating: "ws_d3e0\"; DROP TABLE x; --0000000000000"))
        XCTAssertNil(WorkspaceSchemaName(validating: "control"))
    }
}
