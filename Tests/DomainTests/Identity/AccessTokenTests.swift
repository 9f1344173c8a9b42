@testable import Domain
import Foundation
import Testing
import TestSupport

@Suite struct AccessTokenTests {
    static let oldSeed = Data((0..<32).map { UInt8($0) }).base64EncodedString()
    static let newSeed = Data((0..<32).map { UInt8(200 - $0) }).base64EncodedString()

    func claims(lifetime: TimeInterval = 900) -> AccessClaims {
        AccessClaims(
            userID: UUID(), sessionID: UUID(), platformRole: .support,
            expiresAt: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + lifetime).rounded(.down)))
    }

    func token(_ claims: AccessClaims, keys: SigningKeys, settings: IdentitySettings) throws -> String {
        try keys.sign(claims, issuedAt: Date(), issuer: settings.tokenIssuer, audience: settings.tokenAudience)
    }

    @Test func anIssuedTokenVerifiesToItsClaims() async throws {
        let service = try await IdentityFixture.service()
        let claims = claims()
        let jwt = try token(claims, keys: service.settings.signingKeys, settings: service.settings)
        #expect(try service.authenticate(accessToken: jwt) == claims)
    }

    @Test func loginIssuesATokenThatAuthenticates() async throws {
        let service = try await IdentityFixture.service()
        let (email, id) = try await IdentityFixture.registeredUser(service)
        let (_, pair) = try await service.login(email: email, password: IdentityFixture.strongPassword, rememberMe: false, origin: .system)
        let claims = try service.authenticate(accessToken: pair.accessToken)
        #expect(claims.userID == id)
        #expect(claims.sessionID == pair.sessionID)
        #expect(claims.platformRole == .user)
        #expect(claims.expiresAt == pair.accessTokenExpiresAt)
        #expect(abs(pair.accessTokenExpiresAt.timeIntervalSinceNow - 900) < 5)
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let service = try await IdentityFixture.service()
        let jwt = try token(claims(lifetime: -5), keys: service.settings.signingKeys, settings: service.settings)
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: jwt) }
    }

    @Test func aCachedTokenIsStillRefusedOnceItExpires() async throws {
        let service = try await IdentityFixture.service()
        let claims = claims(lifetime: 60)
        let jwt = try token(claims, keys: service.settings.signingKeys, settings: service.settings)
        #expect(try service.authenticate(accessToken: jwt, now: Date()) == claims)
        #expect(service.verifiedTokens.claims(for: jwt, now: Date()) == claims, "verified once, cached")
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: jwt, now: claims.expiresAt.addingTimeInterval(1)) }
        #expect(service.verifiedTokens.claims(for: jwt, now: Date()) == nil, "an expired entry is dropped")
    }

    @Test func aTamperedTokenIsNotServedFromTheCacheOfTheGenuineOne() async throws {
        let service = try await IdentityFixture.service()
        let jwt = try token(claims(), keys: service.settings.signingKeys, settings: service.settings)
        _ = try service.authenticate(accessToken: jwt)
        // A character inside the signature (the last one carries padding bits that decoding may ignore).
        var characters = Array(jwt)
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        let tampered = String(characters)
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: tampered) }
    }

    @Test func aTokenFromAKeyNotInTheSetIsRefused() async throws {
        let service = try await IdentityFixture.service()
        let jwt = try token(claims(), keys: .ephemeral(), settings: service.settings)
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: jwt) }
    }

    @Test func aTamperedTokenIsRefused() async throws {
        let service = try await IdentityFixture.service()
        let jwt = try token(claims(), keys: service.settings.signingKeys, settings: service.settings)
        var parts = jwt.split(separator: ".").map(String.init)
        let forged = try token(
            AccessClaims(userID: UUID(), sessionID: UUID(), platformRole: .admin, expiresAt: Date().addingTimeInterval(900)),
            keys: .ephemeral(), settings: service.settings)
        parts[1] = String(forged.split(separator: ".")[1])
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: parts.joined(separator: ".")) }
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: "not.a.jwt") }
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: "") }
    }

    @Test func aTokenForAnotherAudienceIsRefused() async throws {
        let service = try await IdentityFixture.service()
        let jwt = try service.settings.signingKeys.sign(
            claims(), issuedAt: Date(), issuer: service.settings.tokenIssuer, audience: "another-api")
        #expect(throws: IdentityError.invalidToken) { try service.authenticate(accessToken: jwt) }
    }

    @Test func rotationKeepsOldTokensValidWhileTheOldKeyIsSecond() async throws {
        let old = try SigningKeys(parsing: "old:\(Self.oldSeed)")
        let rotated = try SigningKeys(parsing: "new:\(Self.newSeed), old:\(Self.oldSeed)")
        let withoutOld = try SigningKeys(parsing: "new:\(Self.newSeed)")
        #expect(rotated.keyIDs == ["new", "old"])
        let before = try await IdentityFixture.service { $0.signingKeys = old }
        let after = try await IdentityFixture.service { $0.signingKeys = rotated }
        let later = try await IdentityFixture.service { $0.signingKeys = withoutOld }
        let claims = claims()
        let oldToken = try token(claims, keys: before.settings.signingKeys, settings: before.settings)
        #expect(try after.authenticate(accessToken: oldToken) == claims)
        #expect(throws: IdentityError.invalidToken) { try later.authenticate(accessToken: oldToken) }
        // The first key signs: a token from the rotated set carries kid "new" and verifies without the old key.
        let newToken = try token(claims, keys: after.settings.signingKeys, settings: after.settings)
        #expect(try later.authenticate(accessToken: newToken) == claims)
        #expect(throws: IdentityError.invalidToken) { try before.authenticate(accessToken: newToken) }
    }

    @Test(arguments: ["", "nokid", "a:bm90IDMyIGJ5dGVz", "a:\(oldSeed),a:\(newSeed)", "bad kid:\(oldSeed)"])
    func malformedKeySetsAreRefused(text: String) {
        #expect(throws: SigningKeysError.self) { try SigningKeys(parsing: text) }
    }

    @Test func ephemeralKeysHaveTheDocumentedKid() {
        let kid = SigningKeys.ephemeral().keyIDs.first ?? ""
        #expect(kid.wholeMatch(of: /ephemeral-[0-9a-f]{8}/) != nil)
    }
}
