import Foundation
import PostgresNIO
import XCTest
@testable import Persistence

/// Migration runner against the real test database; each test starts from an empty database.
final class MigrationRunnerTests: XCTestCase {
    private static func makeRunner(_ database: Database, _ files: [String: String], concurrency: Int = 2) throws -> MigrationRunner {
        let set = try MigrationSet.load(from: TestDatabase.migrationsFolder(files))
        return MigrationRunner(database: database, migrations: set, concurrency: concurrency, logger: TestDatabase.logger)
    }

    /// The repository's own migrations; tests add theirs with versions from 9001 up, after any real ones.
    private static let baseFiles: [String: String] = {
        var files: [String: String] = [:]
        for scope in ["control", "tenant"] {
            let folder = TestDatabase.repositoryMigrations.appendingPathComponent(scope)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".sql") {
                files["\(scope)/\(name)"] = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            }
        }
        return files
    }()

    private static let tenantBase = baseFiles.keys.filter { $0.hasPrefix("tenant/") }.count
    private static let tenantBaseVersions = (try? MigrationSet.load(from: TestDatabase.repositoryMigrations).tenant.map(\.version)) ?? []

    func testAppliesInVersionOrderAndRecordsChecksums() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            var files = Self.baseFiles
            // 9003 only works after 9002: order matters, whatever order the folder lists them in.
            files["control/9003_fill.sql"] = "INSERT INTO control.ordered (step) VALUES (3);"
            files["control/9002_table.sql"] = "CREATE TABLE control.ordered (step int); INSERT INTO control.ordered VALUES (2);"
            files["tenant/9003_later.sql"] = "INSERT INTO notes_for_test (body) VALUES ('after 2');"
            files["tenant/9002_notes.sql"] = "CREATE TABLE notes_for_test (body text);"
            let runner = try Self.makeRunner(database, files)
            try await runner.run()
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: runner.migrations.tenant, logger: TestDatabase.logger)
            let workspace = try await provisioner.createWorkspace(kind: .business)

            let steps = try await TestDatabase.strings(database, "SELECT step::text FROM control.ordered ORDER BY step")
            XCTAssertEqual(steps, ["2", "3"])
            let recorded = try await TestDatabase.strings(database, "SELECT version || ':' || checksum FROM control.schema_migrations ORDER BY version")
            XCTAssertEqual(recorded, runner.migrations.control.map { "\($0.version):\($0.checksum)" })
            let tenantRecorded = try await database.withWorkspaceTransaction(workspace.schema) { connection in
                let rows = try await connection.query("SELECT version, checksum FROM schema_migrations ORDER BY version", logger: TestDatabase.logger)
                var values: [String] = []
                for try await (version, checksum) in rows.decode((Int, String).self) { values.append("\(version):\(checksum)") }
                return values
            }
            XCTAssertEqual(tenantRecorded, runner.migrations.tenant.map { "\($0.version):\($0.checksum)" })
        }
    }

    func testSecondRunChangesNothing() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            var files = Self.baseFiles
            files["control/9002_counter.sql"] = "CREATE TABLE control.counter (n int); INSERT INTO control.counter VALUES (1);"
            files["tenant/9002_rows.sql"] = "INSERT INTO workspace_settings (key, value) VALUES ('k', 'v');"
            let runner = try Self.makeRunner(database, files)
            let first = try await runner.run()
            XCTAssertEqual(first.controlApplied.count, Self.baseFiles.keys.filter { $0.hasPrefix("control/") }.count + 1)
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: [], logger: TestDatabase.logger)
            // Provisioned with no tenant migrations, so the runner has work to do in it.
            let workspace = try await provisioner.createWorkspace(kind: .personal)
            let second = try await runner.run()
            XCTAssertEqual(second.controlApplied, [])
            XCTAssertEqual(second.workspacesChanged, 1)
            XCTAssertEqual(second.tenantMigrationsApplied, Self.tenantBase + 1)
            let third = try await runner.run()
            XCTAssertEqual(third, MigrationReport(controlApplied: [], workspaces: 1, workspacesChanged: 0, tenantMigrationsApplied: 0))
            let counter = try await TestDatabase.strings(database, "SELECT count(*)::text FROM control.counter")
            XCTAssertEqual(counter, ["1"])
            let rows = try await database.withWorkspaceTransaction(workspace.schema) { connection in
                let rows = try await connection.query("SELECT count(*)::int FROM workspace_settings", logger: TestDatabase.logger)
                var count = 0
                for try await value in rows.decode(Int.self) { count = value }
                return count
            }
            XCTAssertEqual(rows, 1)
            let status = try await runner.status()
            XCTAssertTrue(status.isUpToDate, "\(status.lines)")
        }
    }

    func testChangedAppliedFileIsAnErrorNamingIt() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            var files = Self.baseFiles
            files["control/9002_extra.sql"] = "CREATE TABLE control.extra (a int);"
            try await Self.makeRunner(database, files).run()
            files["control/9002_extra.sql"] = "CREATE TABLE control.extra (a int, b int);"
            do {
                try await Self.makeRunner(database, files).run()
                XCTFail("a changed migration must not run")
            } catch let error as MigrationError {
                XCTAssertEqual(error, .checksumMismatch(file: "control/9002_extra.sql", target: "the control schema"))
                XCTAssertTrue(error.description.contains("control/9002_extra.sql"))
            }
            let status = try await Self.makeRunner(database, files).status()
            XCTAssertFalse(status.isUpToDate)
            XCTAssertTrue(status.controlProblem?.contains("control/9002_extra.sql") ?? false, "\(status)")
        }
    }

    func testChangedTenantFileIsReportedPerWorkspace() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            let runner = try Self.makeRunner(database, Self.baseFiles)
            try await runner.run()
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: runner.migrations.tenant, logger: TestDatabase.logger)
            let workspace = try await provisioner.createWorkspace(kind: .personal)
            var changed = Self.baseFiles
            changed["tenant/0001_workspace_settings.sql"]! += "\n-- edited\n"
            do {
                try await Self.makeRunner(database, changed).run()
                XCTFail("a changed tenant migration must be reported")
            } catch MigrationError.tenantFailures(let failures) {
                XCTAssertEqual(failures.map(\.schema), [workspace.schema.rawValue])
                XCTAssertTrue(failures[0].message.contains("tenant/0001_workspace_settings.sql"), failures[0].message)
            }
            let status = try await Self.makeRunner(database, changed).status()
            XCTAssertEqual(status.problems.map(\.schema), [workspace.schema.rawValue])
        }
    }

    func testTwoConcurrentRunnersApplyEachMigrationOnce() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            var files = Self.baseFiles
            // Not idempotent on purpose: a second application would fail (table exists) or double the row.
            files["control/9002_slow.sql"] = "SELECT pg_sleep(0.3); CREATE TABLE control.once (n int); INSERT INTO control.once VALUES (1);"
            files["tenant/9002_once.sql"] = "CREATE TABLE once_here (n int); INSERT INTO once_here VALUES (1);"
            let setup = try Self.makeRunner(database, Self.baseFiles)
            try await setup.run()
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: setup.migrations.tenant, logger: TestDatabase.logger)
            var schemas: [WorkspaceSchemaName] = []
            for _ in 0..<4 { schemas.append(try await provisioner.createWorkspace(kind: .personal).schema) }

            let set = try MigrationSet.load(from: TestDatabase.migrationsFolder(files))
            let settings = try TestDatabase.settings
            // Two separate pools, as two processes would have.
            async let first = Database.withRunning(settings: settings, logger: TestDatabase.logger) { other in
                try await MigrationRunner(database: other, migrations: set, concurrency: 2, logger: TestDatabase.logger).run()
            }
            async let second = Database.withRunning(settings: settings, logger: TestDatabase.logger) { other in
                try await MigrationRunner(database: other, migrations: set, concurrency: 2, logger: TestDatabase.logger).run()
            }
            let reports = try await [first, second]
            XCTAssertEqual(reports.map(\.controlApplied.count).sorted(), [0, 1])
            XCTAssertEqual(reports.map(\.tenantMigrationsApplied).sorted(), [0, 4])
            let once = try await TestDatabase.strings(database, "SELECT count(*)::text FROM control.once")
            XCTAssertEqual(once, ["1"])
            let recorded = try await TestDatabase.strings(database, "SELECT count(*)::text FROM control.schema_migrations WHERE version = 9002")
            XCTAssertEqual(recorded, ["1"])
            for schema in schemas {
                let count = try await database.withWorkspaceTransaction(schema) { connection in
                    let rows = try await connection.query("SELECT count(*)::int FROM once_here", logger: TestDatabase.logger)
                    var count = 0
                    for try await value in rows.decode(Int.self) { count = value }
                    return count
                }
                XCTAssertEqual(count, 1)
            }
        }
    }

    func testFailingTenantMigrationRollsBackOnlyThatWorkspace() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            let setup = try Self.makeRunner(database, Self.baseFiles)
            try await setup.run()
            let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: setup.migrations.tenant, logger: TestDatabase.logger)
            var workspaces: [Workspace] = []
            for _ in 0..<3 { workspaces.append(try await provisioner.createWorkspace(kind: .business)) }
            let poisoned = workspaces[1]
            try await database.withWorkspaceTransaction(poisoned.schema) { connection in
                try await connection.query("INSERT INTO workspace_settings (key, value) VALUES ('bad', 'poison')", logger: TestDatabase.logger)
            }
            var files = Self.baseFiles
            // Two files: the first succeeds everywhere, the second fails where a 'poison' row exists.
            files["tenant/9002_table.sql"] = "CREATE TABLE created_by_9002 (n int);"
            files["tenant/9003_check.sql"] = "ALTER TABLE workspace_settings ADD CONSTRAINT no_poison CHECK (value <> 'poison');"
            do {
                try await Self.makeRunner(database, files).run()
                XCTFail("the poisoned workspace must fail")
            } catch MigrationError.tenantFailures(let failures) {
                XCTAssertEqual(failures.map(\.schema), [poisoned.schema.rawValue])
                XCTAssertTrue(failures[0].message.contains("no_poison"), failures[0].message)
            }
            for workspace in workspaces {
                let (versions, hasTable) = try await database.withWorkspaceTransaction(workspace.schema) { connection in
                    let rows = try await connection.query("SELECT version FROM schema_migrations ORDER BY version", logger: TestDatabase.logger)
                    var versions: [Int] = []
                    for try await version in rows.decode(Int.self) { versions.append(version) }
                    let table = try await connection.query("SELECT to_regclass('created_by_9002') IS NOT NULL", logger: TestDatabase.logger)
                    var exists = false
                    for try await value in table.decode(Bool.self) { exists = value }
                    return (versions, exists)
                }
                if workspace == poisoned {
                    XCTAssertEqual(versions, Self.tenantBaseVersions, "nothing of 9002/9003 may remain")
                    XCTAssertFalse(hasTable)
                } else {
                    XCTAssertEqual(versions, Self.tenantBaseVersions + [9002, 9003])
                    XCTAssertTrue(hasTable)
                }
            }
            let status = try await Self.makeRunner(database, files).status()
            XCTAssertEqual(status.pendingByWorkspace, [poisoned.schema.rawValue: ["tenant/9002_table.sql", "tenant/9003_check.sql"]])
        }
    }

    func testFailingControlMigrationIsRolledBackAndNamed() async throws {
        try await TestDatabase.withEmptyDatabase { database in
            var files = Self.baseFiles
            files["control/9002_broken.sql"] = "CREATE TABLE control.half (a int); SELECT * FROM control.no_such_table;"
            do {
                try await Self.makeRunner(database, files).run()
                XCTFail("a broken migration must fail")
            } catch let error as MigrationError {
                guard case .controlFailed(let file, let message) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(file, "control/9002_broken.sql")
                XCTAssertTrue(message.contains("no_such_table"), message)
            }
            let half = try await TestDatabase.strings(database, "SELECT coalesce(to_regclass('control.half')::text, 'absent')")
            XCTAssertEqual(half, ["absent"])
            let status = try await Self.makeRunner(database, files).status()
            XCTAssertEqual(status.controlPending, ["control/9002_broken.sql"])
        }
    }
}
