import Crypto
import Foundation
import JWTKit

/// The payload of an access token: a JWT signed with EdDSA (Ed25519), with `kid` in its header.
struct AccessTokenPayload: JWTPayload {
    var sub: SubjectClaim
    var sid: String
    var role: String
    var iss: IssuerClaim
    var aud: AudienceClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

extension SigningKeys {
    /// A compact JWT for `claims`, signed by the first key.
    func sign(_ claims: AccessClaims, issuedAt: Date, issuer: String, audience: String) throws -> String {
        let payload = AccessTokenPayload(
            sub: SubjectClaim(value: claims.userID.uuidString.lowercased()),
            sid: claims.sessionID.uuidString.lowercased(),
            role: claims.platformRole.rawValue,
            iss: IssuerClaim(value: issuer),
            aud: AudienceClaim(value: [audience]),
            iat: IssuedAtClaim(value: issuedAt),
            exp: ExpirationClaim(value: claims.expiresAt))
        let key = signingKey
        let header: JWTHeader = ["alg": .string("EdDSA"), "typ": .string("JWT"), "kid": .string(key.kid)]
        let encoder = DefaultJWTSerializer().jsonEncoder
        let input = Base64URL.encode(try encoder.encode(header)) + "." + Base64URL.encode(try encoder.encode(payload))
        let signature = try key.privateKey.signature(for: Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    /// The claims of `token` when its signature verifies with the key its `kid` names, it has not expired and its
    /// issuer and audience match; otherwise `.invalidToken`.
    func verify(_ token: String, issuer: String, audience: String, now: Date) throws(IdentityError) -> AccessClaims {
        guard token.utf8.count < 4096, let lastDot = token.lastIndex(of: ".") else { throw .invalidToken }
        let parsed: (header: JWTHeader, payload: AccessTokenPayload, signature: Data)
        do {
            parsed = try DefaultJWTParser().parse(Array(token.utf8), as: AccessTokenPayload.self)
        } catch {
            throw .invalidToken
        }
        guard parsed.header.alg == "EdDSA", let kid = parsed.header.kid, let key = key(for: kid) else { throw .invalidToken }
        let signingInput = Data(token[..<lastDot].utf8)
        guard key.privateKey.publicKey.isValidSignature(parsed.signature, for: signingInput) else { throw .invalidToken }
        let payload = parsed.payload
        guard payload.exp.value > now,
              payload.iss.value == issuer,
              payload.aud.value.contains(audience),
              let userID = UUID(uuidString: payload.sub.value),
              let sessionID = UUID(uuidString: payload.sid),
              let role = PlatformRole(rawValue: payload.role)
        else { throw .invalidToken }
        return AccessClaims(userID: userID, sessionID: sessionID, platformRole: role, expiresAt: payload.exp.value)
    }
}
