import Domain
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite struct RegistrationTests {
    let password = IdentityFixture.strongPassword

    /// Rows that a registration of `email` would write.
    func footprint(_ email: String) async throws -> [Int] {
        [
            try await IdentityFixture.count("SELECT count(*) FROM control.users WHERE lower(email) = lower(\(email))"),
            try await IdentityFixture.count("SELECT count(*) FROM control.mail_outbox WHERE lower(to_address) = lower(\(email))"),
            try await IdentityFixture.count(
                "SELECT count(*) FROM control.memberships m JOIN control.users u ON u.id = m.user_id WHERE lower(u.email) = lower(\(email))"),
            try await IdentityFixture.count(
                "SELECT count(*) FROM control.audit_log a JOIN control.users u ON u.id = a.actor_user_id WHERE lower(u.email) = lower(\(email))"),
        ]
    }

    @Test func registrationCreatesTheAccountInOneGo() async throws {
        let service = try await IdentityFixture.service()
        let email = TestStack.uniqueEmail("Reg")
        let outcome = try await service.register(email: email, password: password, displayName: "  Grace Hopper ", origin: .init(address: "192.0.2.5"))
        let id = try #require(outcome.userID)
        let workspaceID = try #require(outcome.workspaceID)
        #expect(outcome.message == RegistrationOutcome.message)
        let user = try #require(try await service.user(id: id))
        #expect(user.email == email)
        #expect(user.displayName == "Grace Hopper")
        #expect(user.emailVerifiedAt == nil)
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.workspaces WHERE id = \(workspaceID) AND kind = 'PERSONAL' AND plan = 'FREE' AND name = 'Grace Hopper''s workspace'") == 1)
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.memberships WHERE workspace_id = \(workspaceID) AND user_id = \(id) AND role = 'OWNER'") == 1)
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.credentials WHERE user_id = \(id) AND password_hash LIKE '$argon2id$%'") == 1)
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.email_verification_tokens WHERE user_id = \(id) AND used_at IS NULL") == 1)
        #expect(try await IdentityFixture.tokenFromLatestMail(to: email, template: "verify_email") != nil)
        #expect(try await IdentityFixture.auditCount("auth.registered", actor: id) == 1)
    }

    @Test func aTakenEmailGetsTheSameOutcomeAndCreatesNothing() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let before = try await footprint(email)
        let outcome = try await service.register(
            email: email.uppercased(), password: "another fine passphrase 7", displayName: "Impostor", origin: .system)
        #expect(outcome.message == RegistrationOutcome.message)
        #expect(outcome.userID == nil && outcome.workspaceID == nil)
        let after = try await footprint(email)
        // Only the "account exists" mail is new.
        #expect(after == [before[0], before[1] + 1, before[2], before[3]])
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.mail_outbox WHERE to_address = \(email) AND template = 'account_exists'") == 1)
        // The first password still works: nothing about the account changed.
        _ = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
        #expect(try await service.user(id: id)?.displayName == "Test Person")
    }

    @Test(arguments: [
        ("not-an-email", IdentityFixture.strongPassword, "Name", "email"),
        ("someone@mailinator.com", IdentityFixture.strongPassword, "Name", "email"),
        ("someone@inbox.guerrillamail.com", IdentityFixture.strongPassword, "Name", "email"),
        ("USER", "short", "Name", "password"),
        ("USER", "password123456", "Name", "password"),
        ("USER", IdentityFixture.strongPassword, "   ", "displayName"),
        ("USER", IdentityFixture.strongPassword, String(repeating: "n", count: 101), "displayName"),
    ])
    func badInputChangesNothing(email: String, password: String, name: String, field: String) async throws {
        let service = try await IdentityFixture.service()
        let email = email == "USER" ? TestStack.uniqueEmail() : email
        let before = try await footprint(email)
        let error = await identityError {
            _ = try await service.register(email: email, password: password, displayName: name, origin: .system)
        }
        #expect(error?.code == .badUserInput)
        #expect(error?.field == field)
        #expect(try await footprint(email) == before)
    }

    @Test func theVerificationLinkWorksOnce() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let token = try #require(try await IdentityFixture.tokenFromLatestMail(to: email, template: "verify_email"))
        let user = try await service.verifyEmail(token: token, origin: .system)
        #expect(user.id == id)
        #expect(user.emailVerifiedAt != nil)
        let again = await identityError { _ = try await service.verifyEmail(token: token, origin: .system) }
        #expect(again == .invalidToken)
        #expect(try await IdentityFixture.auditCount("auth.email_verified", actor: id) == 1)
    }

    @Test func resendingVerificationReplacesTheLinkButNotTooOften() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let first = try #require(try await IdentityFixture.tokenFromLatestMail(to: email, template: "verify_email"))
        try await service.resendVerification(userID: id)
        // Within a minute of the last mail, nothing new is sent.
        #expect(try await IdentityFixture.tokenFromLatestMail(to: email, template: "verify_email") == first)
        let database = try await TestStack.database()
        try await database.client.query(
            "UPDATE control.email_verification_tokens SET created_at = now() - interval '2 minutes' WHERE user_id = \(id)",
            logger: TestStack.logger)
        try await service.resendVerification(userID: id)
        let second = try #require(try await IdentityFixture.tokenFromLatestMail(to: email, template: "verify_email"))
        #expect(second != first)
        let old = await identityError { _ = try await service.verifyEmail(token: first, origin: .system) }
        #expect(old == .invalidToken)
        #expect(try await service.verifyEmail(token: second, origin: .system).emailVerifiedAt != nil)
    }
}
