import Domain
import Foundation
import Testing
import TestSupport

@Suite struct SessionTests {
    let password = IdentityFixture.strongPassword

    @Test func reusingASpentRefreshTokenRevokesTheWholeFamily() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let (user, first) = try await service.login(email: email, password: password, rememberMe: false, origin: .init(address: "192.0.2.10"))
        #expect(user.id == id)
        let second = try await service.refresh(refreshToken: first.refreshToken, origin: .system)
        #expect(second.sessionID == first.sessionID)
        #expect(second.refreshToken != first.refreshToken)
        #expect(try service.authenticate(accessToken: second.accessToken).sessionID == first.sessionID)
        let third = try await service.refresh(refreshToken: second.refreshToken, origin: .system)

        let reuse = await identityError { _ = try await service.refresh(refreshToken: first.refreshToken, origin: .system) }
        #expect(reuse == .refreshTokenReused)
        // The newest token of the family fails too.
        let newest = await identityError { _ = try await service.refresh(refreshToken: third.refreshToken, origin: .system) }
        #expect(newest?.code == .unauthenticated)
        #expect(try await service.sessions(userID: id).isEmpty)
        #expect(try await IdentityFixture.auditCount("auth.refresh_reused", actor: id) == 1)
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.refresh_tokens t JOIN control.sessions s ON s.id = t.session_id WHERE s.user_id = \(id)") == 3)
    }

    /// After the Argon2 settings change, a successful login stores a hash made with the new ones; a failed one
    /// leaves the old hash alone, and a login with current settings writes nothing.
    @Test func aLoginUpgradesAHashMadeWithOlderSettings() async throws {
        let older = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(older)
        let newer = try await IdentityFixture.service { $0.argon2 = Argon2Parameters(timeCost: 2, memoryKiB: 1024, parallelism: 1) }
        func storedHash() async throws -> String {
            try #require(try await IdentityFixture.strings("SELECT password_hash FROM control.credentials WHERE user_id = \(id)").first)
        }
        let original = try await storedHash()
        #expect(original.contains("$m=1024,t=1,p=1$"))
        _ = await identityError { _ = try await newer.login(email: email, password: password + "x", rememberMe: false, origin: .system) }
        #expect(try await storedHash() == original, "a wrong password changes nothing")

        _ = try await newer.login(email: email, password: password, rememberMe: false, origin: .system)
        let upgraded = try await storedHash()
        #expect(upgraded.contains("$m=1024,t=2,p=1$"))
        _ = try await newer.login(email: email, password: password, rememberMe: false, origin: .system)
        #expect(try await storedHash() == upgraded, "current settings: no new hash")
    }

    @Test func unknownAndMalformedRefreshTokensAreRefused() async throws {
        let service = try await IdentityFixture.service()
        for token in ["", "short", String(repeating: "A", count: 43), String(repeating: "!", count: 43)] {
            let error = await identityError { _ = try await service.refresh(refreshToken: token, origin: .system) }
            #expect(error == .invalidToken)
        }
    }

    @Test func rememberMeGetsTheLongerLifetime() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let (_, short) = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
        let (_, long) = try await service.login(email: email, password: password, rememberMe: true, origin: .system)
        let day: TimeInterval = 24 * 3600
        #expect(abs(short.refreshTokenExpiresAt.timeIntervalSinceNow - 14 * day) < 60)
        #expect(abs(long.refreshTokenExpiresAt.timeIntervalSinceNow - 90 * day) < 60)
        // A refresh keeps the session's kind.
        let refreshed = try await service.refresh(refreshToken: long.refreshToken, origin: .system)
        #expect(abs(refreshed.refreshTokenExpiresAt.timeIntervalSinceNow - 90 * day) < 60)
        let sessions = try await service.sessions(userID: id)
        #expect(sessions.first { $0.id == long.sessionID }?.rememberMe == true)
        #expect(sessions.first { $0.id == short.sessionID }?.rememberMe == false)
    }

    @Test func anExpiredRefreshTokenIsRefused() async throws {
        let service = try await IdentityFixture.service { $0.refreshTokenLifetime = .milliseconds(300) }
        let (email, _) = try await IdentityFixture.registeredUser(service)
        let (_, pair) = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
        try await Task.sleep(for: .milliseconds(600))
        let error = await identityError { _ = try await service.refresh(refreshToken: pair.refreshToken, origin: .system) }
        #expect(error == .invalidToken)
    }

    @Test func logoutEndsTheSessionOnly() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let (_, kept) = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
        let (_, ended) = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
        try await service.logout(userID: id, sessionID: ended.sessionID, origin: .system)
        let error = await identityError { _ = try await service.refresh(refreshToken: ended.refreshToken, origin: .system) }
        #expect(error == .invalidToken)
        _ = try await service.refresh(refreshToken: kept.refreshToken, origin: .system)
        #expect(try await service.sessions(userID: id).map(\.id) == [kept.sessionID])
        #expect(try await IdentityFixture.auditCount("auth.logout", actor: id) == 1)
    }

    @Test func sessionsAreListedNewestFirstAndCanBeRevoked() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        var pairs: [TokenPair] = []
        for agent in ["first", "second", "third"] {
            pairs.append(try await service.login(
                email: email, password: password, rememberMe: false, origin: .init(address: "192.0.2.20", userAgent: agent)).1)
        }
        let sessions = try await service.sessions(userID: id)
        #expect(sessions.map(\.id) == pairs.reversed().map(\.sessionID))
        #expect(sessions.map(\.userAgent) == ["third", "second", "first"])
        #expect(sessions.first?.address == "192.0.2.20")

        #expect(try await service.revokeSession(userID: id, sessionID: pairs[1].sessionID, origin: .system))
        #expect(try await !service.revokeSession(userID: id, sessionID: pairs[1].sessionID, origin: .system))
        // Someone else's session is not theirs to revoke.
        let other = try await IdentityFixture.registeredUser(service)
        #expect(try await !service.revokeSession(userID: other.id, sessionID: pairs[0].sessionID, origin: .system))
        #expect(try await service.sessions(userID: id).map(\.id) == [pairs[2].sessionID, pairs[0].sessionID])
        #expect(try await IdentityFixture.auditCount("auth.session_revoked", actor: id) == 1)

        let database = try await TestStack.database()
        try await database.withControlTransaction { connection in
            try await service.revokeAllSessions(userID: id, on: connection)
        }
        #expect(try await service.sessions(userID: id).isEmpty)
    }

    @Test func aDisabledUserCannotLogInOrRefresh() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let (_, pair) = try await service.login(email: email, password: password, rememberMe: false, origin: .system)
        let database = try await TestStack.database()
        try await database.client.query("UPDATE control.users SET disabled_at = now() WHERE id = \(id)", logger: TestStack.logger)
        let login = await identityError { _ = try await service.login(email: email, password: password, rememberMe: false, origin: .system) }
        #expect(login == .accountDisabled)
        let refresh = await identityError { _ = try await service.refresh(refreshToken: pair.refreshToken, origin: .system) }
        #expect(refresh == .accountDisabled)
    }

    @Test func usersAreLoadedInOneBatch() async throws {
        let service = try await IdentityFixture.service()
        let a = try await IdentityFixture.registeredUser(service, name: "Alice Example")
        let b = try await IdentityFixture.registeredUser(service, name: "Bob Example")
        let unknown = UUID()
        let users = try await service.users(ids: [a.id, b.id, unknown, a.id])
        #expect(Set(users.keys) == [a.id, b.id])
        #expect(users[a.id]?.displayName == "Alice Example")
        #expect(users[b.id]?.email == b.email)
        #expect(try await service.user(id: unknown) == nil)
        #expect(try await service.user(id: a.id)?.platformRole == .user)
    }
}
