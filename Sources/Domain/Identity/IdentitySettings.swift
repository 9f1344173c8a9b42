/// Lifetimes, policies and keys of the identity service.
public struct IdentitySettings: Sendable {
    /// How long an access token (JWT) is valid.
    public var accessTokenLifetime: Duration
    /// How long a session lasts without "remember me", counted from its last refresh.
    public var refreshTokenLifetime: Duration
    /// How long a "remember me" session lasts, counted from its last refresh.
    public var rememberMeRefreshTokenLifetime: Duration
    /// How long an e-mail verification link works.
    public var verificationTokenLifetime: Duration
    /// How long a password reset link works.
    public var passwordResetTokenLifetime: Duration
    public var passwordPolicy: PasswordPolicy
    public var argon2: Argon2Parameters
    public var signingKeys: SigningKeys
    /// The web app's address, for links in mails: `"\(publicBaseURL)/verify-email?token=..."`.
    public var publicBaseURL: String
    /// The `iss` claim of access tokens.
    public var tokenIssuer: String
    /// The `aud` claim of access tokens.
    public var tokenAudience: String

    /// Settings with `signingKeys` and the defaults for the rest.
    public init(signingKeys: SigningKeys) {
        self.accessTokenLifetime = .seconds(15 * 60)
        self.refreshTokenLifetime = .seconds(14 * 24 * 3600)
        self.rememberMeRefreshTokenLifetime = .seconds(90 * 24 * 3600)
        self.verificationTokenLifetime = .seconds(48 * 3600)
        self.passwordResetTokenLifetime = .seconds(3600)
        self.passwordPolicy = .default
        self.argon2 = .standard
        self.signingKeys = signingKeys
        self.publicBaseURL = "http://localhost:8080"
        self.tokenIssuer = "budgetai"
        self.tokenAudience = "budgetai-api"
    }
}
