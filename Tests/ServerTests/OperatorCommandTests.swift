import Domain
import Foundation
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
}
