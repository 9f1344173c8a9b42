import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// The operator commands of `budgetai`, run as processes against the shared test database.
@Suite struct OperatorCommandTests {
    static var executable: URL { ServeProcessTests.executable }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["DATABASE_URL": TestStack.databaseURL, "LOG_LEVEL": "error"]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func aNewSigningKeyReadsBackAsAKeySet() throws {
        let (status, output, _) = try Self.run(["new-signing-key", "--kid", "ops-1"])
        #expect(status == 0)
        let entry = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(entry.hasPrefix("ops-1:"))
        #expect(try SigningKeys(parsing: entry).keyIDs == ["ops-1"])
        let (refused, _, message) = try Self.run(["new-signing-key", "--kid", "bad kid"])
        #expect(refused != 0)
        #expect(!message.isEmpty)
    }

    @Test func grantingAPlatformRoleChangesTheAccountAndIsAudited() async throws {
        let database = try await TestStack.database()
        let id = UUID()
        let email = TestStack.uniqueEmail("operator")
        try await database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.users (id, email, display_name) VALUES (\(id), \(email), 'Op')", logger: TestStack.logger)
        }
        let (status, output, _) = try Self.run(["grant-platform-role", email.uppercased(), "--role", "support"])
        #expect(status == 0, "\(output)")
        let rows = try await database.client.query(
            "SELECT platform_role FROM control.users WHERE id = \(id)", logger: TestStack.logger)
        var role = ""
        for try await value in rows.decode(String.self) { role = value }
        #expect(role == "SUPPORT")
        let audited = try await database.client.query(
            "SELECT count(*)::int8 FROM control.audit_log WHERE action = 'admin.platform_role_granted' AND target_id = \(id.uuidString.lowercased())",
            logger: TestStack.logger)
        var count: Int64 = 0
        for try await value in audited.decode(Int64.self) { count = value }
        #expect(count == 1)

        let (unknown, _, message) = try Self.run(["grant-platform-role", "nobody-\(UUID().uuidString.prefix(6))@example.com"])
        #expect(unknown == 1)
        #expect(message.contains("no account with the e-mail"))
    }

    @Test func referenceRatesAreImportedFromAnECBFileAndABadFileChangesNothing() async throws {
        // Migrated first: on a fresh database the command would otherwise race the other tests' migration.
        let database = try await TestStack.database()
        let sample = TestStack.repositoryRoot.appendingPathComponent("data/fx/eurofxref-sample.csv").path
        let (status, output, error) = try Self.run(["import-fx-rates", sample])
        #expect(status == 0, "\(output) \(error)")
        #expect(output.hasPrefix("imported "), "\(output)")
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).csv")
        try "Date,USD,JPY,\n2030-01-02,1.1,abc,\n".write(to: broken, atomically: true, encoding: .utf8)
        let (refused, _, message) = try Self.run(["import-fx-rates", broken.path])
        #expect(refused != 0)
        #expect(message.lowercased().contains("line 2"), "\(message)")
        let rows = try await database.client.query("SELECT count(*)::int8 FROM control.fx_rates WHERE day = '2030-01-02'", logger: TestStack.logger)
        var count: Int64 = -1
        for try await value in rows.decode(Int64.self) { count = value }
        #expect(count == 0)
    }

    @Test func recurringRulesAreMaterialisedByTheCommandOnce() async throws {
        let database = try await TestStack.database()
        let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: try TestStack.migrations().tenant, logger: TestStack.logger)
        let tenancy = TenancyService(database: database, provisioner: provisioner, logger: TestStack.logger)
        let id = UUID()
        let email = TestStack.uniqueEmail("cron")
        try await database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.users (id, email, display_name, is_business) VALUES (\(id), \(email), 'Cron', true)", logger: TestStack.logger)
        }
        let owner = User(id: id, email: email, displayName: "Cron", platformRole: .user, isBusiness: true, emailVerifiedAt: nil, disabledAt: nil, createdAt: Date())
        let workspace = try await tenancy.createWorkspace(creator: owner, name: "Cron books", kind: .business, origin: .system)
        let access = try #require(try await tenancy.access(userID: id, workspaceID: workspace.id))
        let ledger = LedgerService(database: database, logger: TestStack.logger)
        let account = try await ledger.createAccount(access, AccountInput(name: "Bank", kind: .checking, currency: "USD"))
        _ = try await ledger.createRecurringRule(access, RecurringInput(
            accountID: account.id, kind: .income, amount: "100", payee: "Allowance", frequency: .weekly, start: CalendarDate(iso: "2026-03-02")!))
        let arguments = ["materialize-recurring", "--through", "2026-03-31", "--workspace", workspace.id.uuidString]
        let (status, output, error) = try Self.run(arguments)
        #expect(status == 0, "\(error)")
        #expect(output.contains("materialised 5 recurring transactions in 1 workspaces"), "\(output)")
        #expect(try await ledger.countTransactions(access, filter: TransactionFilter(sources: [.recurring])) == 5)
        let (_, again, _) = try Self.run(arguments)
        #expect(again.contains("materialised 0 recurring transactions"), "\(again)")
        #expect(try await ledger.countTransactions(access, filter: TransactionFilter(sources: [.recurring])) == 5)
    }
}
