import Domain
import Persistence
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite struct AuditLogTests {
    @Test func recordsAnEventWithItsDetails() async throws {
        let database = try await TestStack.database()
        let actor = UUID()
        try await database.withControlTransaction { connection in
            try await AuditLog.record(
                AuditEvent("auth.login", actor: actor, origin: ClientOrigin(address: "192.0.2.7"), details: ["method": "password"]),
                on: connection, logger: TestStack.logger)
        }
        let rows = try await database.client.query(
            "SELECT action, actor_address, details->>'method' FROM control.audit_log WHERE actor_user_id = \(actor)",
            logger: TestStack.logger)
        var found: [(String, String?, String?)] = []
        for try await row in rows.decode((String, String?, String?).self) { found.append(row) }
        #expect(found.count == 1)
        #expect(found.first?.0 == "auth.login")
        #expect(found.first?.1 == "192.0.2.7")
        #expect(found.first?.2 == "password")
    }

    @Test(arguments: [
        "UPDATE control.audit_log SET action = 'auth.tampered'",
        "DELETE FROM control.audit_log",
        "TRUNCATE control.audit_log",
    ])
    func theApplicationRoleCannotChangeHistory(statement: String) async throws {
        let database = try await TestStack.database()
        await #expect {
            try await database.withControlTransaction { connection in
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestStack.logger)
            }
        } throws: { error in
            databaseErrorCode(error) == "42501"
        }
    }
}
