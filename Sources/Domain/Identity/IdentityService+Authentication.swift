import Foundation

extension IdentityService {
    /// Verifies an access token (signature with the key its `kid` names, expiry, issuer, audience); no SQL.
    public func authenticate(accessToken: String) throws(IdentityError) -> AccessClaims {
        try settings.signingKeys.verify(
            accessToken, issuer: settings.tokenIssuer, audience: settings.tokenAudience, now: Date())
    }
}
