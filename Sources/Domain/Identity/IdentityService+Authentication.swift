import Foundation

extension IdentityService {
    /// Verifies an access token (signature with the key its `kid` names, expiry, issuer, audience); no SQL. A token
    /// verified before is answered from the cache until it expires.
    public func authenticate(accessToken: String) throws(IdentityError) -> AccessClaims {
        try authenticate(accessToken: accessToken, now: Date())
    }

    func authenticate(accessToken: String, now: Date) throws(IdentityError) -> AccessClaims {
        if let cached = verifiedTokens.claims(for: accessToken, now: now) { return cached }
        let claims = try settings.signingKeys.verify(
            accessToken, issuer: settings.tokenIssuer, audience: settings.tokenAudience, now: now)
        verifiedTokens.remember(accessToken, claims, now: now)
        return claims
    }
}
