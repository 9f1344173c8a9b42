import Domain
import Foundation
import GraphQLEngine
import Testing
import TestSupport

/// Accounts end to end over HTTP: registration without an existence oracle, verification, login, token rotation with
/// reuse detection, sessions, password reset, throttling.
@Suite struct AccountFlowTests {
    static let register = "mutation($i: RegisterInput!) { register(input: $i) { message } }"
    static let login = "mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken sessionId user { id email } } }"
    static let refresh = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken sessionId } }"

    @Test func registeringTwiceAnswersAlikeAndCreatesNothingTheSecondTime() async throws {
        try await APIHarness.withServer { client in
            let email = TestStack.uniqueEmail("twice")
            let input: GraphQLValue = ["email": .string(email), "password": .string(GraphQLClient.password), "displayName": "Twice"]
            let first = try await client.post(Self.register, variables: ["i": input])
            let second = try await client.post(Self.register, variables: ["i": input])
            #expect(first.status == .ok && second.status == .ok)
            #expect(first.data == second.data)
            #expect(first.errors.isEmpty && second.errors.isEmpty)
            #expect(try await client.count("SELECT count(*)::int8 FROM control.users WHERE lower(email) = lower(\(email))") == 1)
            #expect(try await client.count(
                "SELECT count(*)::int8 FROM control.memberships m JOIN control.users u ON u.id = m.user_id WHERE lower(u.email) = lower(\(email))") == 1)
            #expect(try await client.count("SELECT count(*)::int8 FROM control.mail_outbox WHERE lower(to_address) = lower(\(email))") == 2)
        }
    }

    @Test func registrationRefusesBadInputWithTheFieldAndWritesNothing() async throws {
        try await APIHarness.withServer { client in
            let cases: [(GraphQLValue, String)] = [
                (["email": "not-an-address", "password": .string(GraphQLClient.password), "displayName": "A"], "email"),
                (["email": .string(TestStack.uniqueEmail()), "password": "short", "displayName": "A"], "password"),
                (["email": .string(TestStack.uniqueEmail()), "password": "password1234", "displayName": "A"], "password"),
                (["email": "someone@mailinator.com", "password": .string(GraphQLClient.password), "displayName": "A"], "email"),
            ]
            for (input, field) in cases {
                let email = input["email"]?.stringValue ?? ""
                let before = try await client.count("SELECT count(*)::int8 FROM control.users WHERE lower(email) = lower(\(email))")
                let response = try await client.post(Self.register, variables: ["i": input])
                #expect(try await client.count("SELECT count(*)::int8 FROM control.users WHERE lower(email) = lower(\(email))") == before)
                #expect(response.status == .ok)
                #expect(response.data("register") == .null)
                #expect(response.codes == ["BAD_USER_INPUT"], "\(input)")
                #expect(response.errors.first?["extensions"]?["field"]?.stringValue == field, "\(input)")
            }
        }
    }

    @Test func registerVerifyLoginAndSeeTheVerifiedAccountWithItsPersonalWorkspace() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("verify", name: "Vera")
            let before = try await client.post("{ me { email displayName emailVerified workspaces { role workspace { kind name myAccess } } } }", token: user.token)
            #expect(before.data("me", "emailVerified") == false)
            #expect(before.data("me", "workspaces") == [["role": "OWNER", "workspace": ["kind": "PERSONAL", "name": "Vera's workspace", "myAccess": "OWNER"]]])

            let token = try await client.mailedToken(to: user.email, template: "verify_email")
            let verified = try await client.post("mutation($t: String!) { verifyEmail(token: $t) { id emailVerified } }", variables: ["t": .string(token)])
            #expect(verified.data("verifyEmail", "emailVerified") == true)
            let reused = try await client.post("mutation($t: String!) { verifyEmail(token: $t) { id } }", variables: ["t": .string(token)])
            #expect(reused.codes.count == 1)
            #expect(reused.data("verifyEmail") == .null)
            let after = try await client.post("{ me { emailVerified } }", token: user.token)
            #expect(after.data("me", "emailVerified") == true)
        }
    }

    @Test func aWrongPasswordAndAnUnknownEmailGiveTheSameAnswer() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("oracle")
            let wrong = try await client.post(Self.login, variables: ["i": ["email": .string(user.email), "password": "wrong password 123"]])
            let unknown = try await client.post(Self.login, variables: ["i": ["email": .string(TestStack.uniqueEmail()), "password": "wrong password 123"]])
            #expect(wrong.codes == ["UNAUTHENTICATED"])
            #expect(wrong.errors.first?["message"] == unknown.errors.first?["message"])
            #expect(wrong.codes == unknown.codes)
        }
    }

    @Test func repeatedFailuresAreThrottledPerAccount() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("throttle")
            var codes: [String] = []
            for _ in 0..<7 {
                let response = try await client.post(Self.login, variables: ["i": ["email": .string(user.email), "password": "wrong password 123"]])
                codes += response.codes
            }
            #expect(codes.prefix(5).allSatisfy { $0 == "UNAUTHENTICATED" })
            #expect(codes.last == "RATE_LIMITED")
            let right = try await client.post(Self.login, variables: ["i": ["email": .string(user.email), "password": .string(GraphQLClient.password)]])
            #expect(right.codes == ["RATE_LIMITED"], "even the right password waits until the window ends")
            #expect(right.errors.first?["extensions"]?["retryAfterSeconds"] != nil)
        }
    }

    @Test func refreshRotatesAndAReusedTokenEndsTheWholeSession() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("rotate")
            let first = try await client.post(Self.refresh, variables: ["t": .string(user.refreshToken)])
            guard let next = first.data("refreshToken", "refreshToken").stringValue else {
                Issue.record("refresh failed: \(first.body)")
                return
            }
            #expect(next != user.refreshToken)
            let reuse = try await client.post(Self.refresh, variables: ["t": .string(user.refreshToken)])
            #expect(reuse.codes == ["UNAUTHENTICATED"])
            let afterReuse = try await client.post(Self.refresh, variables: ["t": .string(next)])
            #expect(afterReuse.codes == ["UNAUTHENTICATED"], "the newest token of the family is revoked too")
            let access = try await client.post("{ me { id } }", token: user.token)
            #expect(access.codes == ["UNAUTHENTICATED"], "and the session's access tokens with it")
            #expect(try await client.count("SELECT count(*)::int8 FROM control.audit_log WHERE action = 'auth.refresh_reused' AND actor_user_id = \(user.id)") == 1)
        }
    }

    @Test func sessionsAreListedAndRevocable() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("sessions")
            let second = try await client.signIn(email: user.email)
            let listed = try await client.post("{ me { sessions { id current } } }", token: user.token)
            let sessions = listed.data("me", "sessions").listValue
            #expect(sessions.count == 2)
            #expect(sessions.filter { $0["current"] == true }.count == 1)
            let other = try #require(sessions.first { $0["current"] == false }?["id"]?.stringValue)
            let revoked = try await client.post("mutation($s: ID!) { revokeSession(sessionId: $s) }", variables: ["s": .string(other)], token: user.token)
            #expect(revoked.data("revokeSession") == true)
            let refreshRevoked = try await client.post(Self.refresh, variables: ["t": .string(second.refreshToken)])
            #expect(refreshRevoked.codes == ["UNAUTHENTICATED"])
            let accessRevoked = try await client.post("{ me { id } }", token: second.token)
            #expect(accessRevoked.codes == ["UNAUTHENTICATED"], "a revoked session's unexpired access token stops working at once")
            let again = try await client.post("mutation($s: ID!) { revokeSession(sessionId: $s) }", variables: ["s": .string(other)], token: user.token)
            #expect(again.codes == ["NOT_FOUND"])
            let logout = try await client.post("mutation { logout }", token: user.token)
            #expect(logout.data("logout") == true)
            let afterLogout = try await client.post(Self.refresh, variables: ["t": .string(user.refreshToken)])
            #expect(afterLogout.codes == ["UNAUTHENTICATED"])
            let meAfterLogout = try await client.post("{ me { id } }", token: user.token)
            #expect(meAfterLogout.codes == ["UNAUTHENTICATED"])
        }
    }

    @Test func passwordResetIsSingleUseAndEndsEverySession() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("reset")
            let unknown = try await client.post("mutation { requestPasswordReset(email: \"nobody-\(UUID().uuidString.prefix(8))@example.com\") }")
            let known = try await client.post("mutation($e: String!) { requestPasswordReset(email: $e) }", variables: ["e": .string(user.email)])
            #expect(unknown.data == known.data)
            #expect(known.data("requestPasswordReset") == true)
            let token = try await client.mailedToken(to: user.email, template: "password_reset")
            let newPassword = "a brand new passphrase 77"
            let reset = try await client.post(
                "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }",
                variables: ["t": .string(token), "p": .string(newPassword)])
            #expect(reset.data("resetPassword") == true)
            let twice = try await client.post(
                "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }",
                variables: ["t": .string(token), "p": "yet another passphrase 88"])
            #expect(twice.codes.count == 1)
            let oldRefresh = try await client.post(Self.refresh, variables: ["t": .string(user.refreshToken)])
            #expect(oldRefresh.codes == ["UNAUTHENTICATED"])
            let old = try await client.post(Self.login, variables: ["i": ["email": .string(user.email), "password": .string(GraphQLClient.password)]])
            #expect(old.codes == ["UNAUTHENTICATED"])
            _ = try await client.signIn(email: user.email, password: newPassword)
        }
    }
}
