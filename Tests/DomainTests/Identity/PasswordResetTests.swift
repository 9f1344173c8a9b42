import Domain
import Foundation
import Testing
import TestSupport

@Suite struct PasswordResetTests {
    let password = IdentityFixture.strongPassword
    let newPassword = "a brand new passphrase 2024"

    @Test func aResetTokenWorksOnceAndRevokesEverySession() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let (_, pair) = try await service.login(email: email, password: password, rememberMe: true, origin: .system)
        try await service.requestPasswordReset(email: email.uppercased(), origin: .system)
        let token = try #require(try await IdentityFixture.tokenFromLatestMail(to: email, template: "password_reset"))

        try await service.resetPassword(token: token, newPassword: newPassword, origin: .system)
        let reuse = await identityError { try await service.resetPassword(token: token, newPassword: "yet another passphrase 99", origin: .system) }
        #expect(reuse == .invalidToken)
        let oldLogin = await identityError { _ = try await service.login(email: email, password: password, rememberMe: false, origin: .system) }
        #expect(oldLogin == .invalidCredentials)
        _ = try await service.login(email: email, password: newPassword, rememberMe: false, origin: .system)
        let refresh = await identityError { _ = try await service.refresh(refreshToken: pair.refreshToken, origin: .system) }
        #expect(refresh == .invalidToken)
        #expect(try await IdentityFixture.auditCount("auth.password_reset_requested", actor: id) == 1)
        #expect(try await IdentityFixture.auditCount("auth.password_reset", actor: id) == 1)
    }

    @Test func anExpiredResetTokenIsRefused() async throws {
        let service = try await IdentityFixture.service { $0.passwordResetTokenLifetime = .milliseconds(300) }
        let (email, _) = try await IdentityFixture.registeredUser(service)
        try await service.requestPasswordReset(email: email, origin: .system)
        let token = try #require(try await IdentityFixture.tokenFromLatestMail(to: email, template: "password_reset"))
        try await Task.sleep(for: .milliseconds(600))
        let error = await identityError { try await service.resetPassword(token: token, newPassword: newPassword, origin: .system) }
        #expect(error == .invalidToken)
        _ = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
    }

    @Test func aWeakNewPasswordLeavesTheTokenUsable() async throws {
        let service = try await IdentityFixture.service()
        let (email, _) = try await IdentityFixture.registeredUser(service)
        try await service.requestPasswordReset(email: email, origin: .system)
        let token = try #require(try await IdentityFixture.tokenFromLatestMail(to: email, template: "password_reset"))
        let weak = await identityError { try await service.resetPassword(token: token, newPassword: "short", origin: .system) }
        #expect(weak?.code == .badUserInput)
        #expect(weak?.field == "newPassword")
        try await service.resetPassword(token: token, newPassword: newPassword, origin: .system)
    }

    @Test func resetLinksAreLimitedToThreeAnHourPerAccountWithTheSameAnswer() async throws {
        let service = try await IdentityFixture.service()
        let (email, _) = try await IdentityFixture.registeredUser(service)
        for _ in 0..<5 {
            try await service.requestPasswordReset(email: email, origin: .system)
        }
        let mails = try await IdentityFixture.count(
            "SELECT count(*) FROM control.mail_outbox WHERE to_address = \(email) AND template = 'password_reset'")
        #expect(mails == 3)
    }

    @Test func anUnknownEmailGetsNoMailAndNoError() async throws {
        let service = try await IdentityFixture.service()
        let unknown = TestStack.uniqueEmail("ghost")
        try await service.requestPasswordReset(email: unknown, origin: .system)
        #expect(try await IdentityFixture.count("SELECT count(*) FROM control.mail_outbox WHERE to_address = \(unknown)") == 0)
    }

    @Test func changingThePasswordNeedsTheCurrentOne() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let wrong = await identityError {
            try await service.changePassword(userID: id, currentPassword: "not my password", newPassword: newPassword, origin: .system)
        }
        #expect(wrong == .wrongCurrentPassword)
        let weak = await identityError {
            try await service.changePassword(userID: id, currentPassword: password, newPassword: email, origin: .system)
        }
        #expect(weak?.field == "newPassword")
        try await service.changePassword(userID: id, currentPassword: password, newPassword: newPassword, origin: .system)
        _ = try await service.login(email: email, password: newPassword, rememberMe: false, origin: .system)
        #expect(try await IdentityFixture.auditCount("auth.password_changed", actor: id) == 1)
        #expect(try await IdentityFixture.tokenFromLatestMail(to: email, template: "password_changed") == nil)
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.mail_outbox WHERE to_address = \(email) AND template = 'password_changed'") == 1)
    }
}
