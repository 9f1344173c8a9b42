/// Why an identity operation was refused. Messages are for the user and never tell whether an e-mail has an account.
public struct IdentityError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?
    /// For `RATE_LIMITED`: how long until another attempt may succeed.
    public var retryAfter: Duration?

    /// An error of any kind; prefer the factories.
    public init(code: ErrorCode, message: String, field: String? = nil, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
    }
}

extension IdentityError {
    /// The e-mail or password is wrong; the same text whether or not the e-mail exists.
    public static let invalidCredentials = IdentityError(code: .unauthenticated, message: "The e-mail or password is wrong.")

    /// The token is malformed, unknown, expired, used or signed by an unknown key.
    public static let invalidToken = IdentityError(code: .unauthenticated, message: "The token is invalid or has expired.")

    /// A used refresh token came back: the whole session was revoked.
    public static let refreshTokenReused = IdentityError(
        code: .unauthenticated,
        message: "This refresh token was already used; the session has been signed out for safety. Please sign in again.")

    /// The account is switched off.
    public static let accountDisabled = IdentityError(code: .forbidden, message: "This account is disabled.")

    /// The current password given to a password change is wrong.
    public static let wrongCurrentPassword = IdentityError(
        code: .badUserInput, message: "The current password is wrong.", field: "currentPassword")

    /// Too many failed attempts; `retryAfter` says when to try again.
    public static func throttled(retryAfter: Duration) -> IdentityError {
        let seconds = max(1, Int(retryAfter.components.seconds))
        let wait = seconds >= 120 ? "\((seconds + 59) / 60) minutes" : "\(seconds) seconds"
        return IdentityError(
            code: .rateLimited, message: "Too many failed attempts. Try again in \(wait).", retryAfter: .seconds(seconds))
    }

    /// The new password breaks the policy; the message lists every problem.
    public static func weakPassword(_ problems: [String], field: String = "password") -> IdentityError {
        IdentityError(code: .badUserInput, message: "The password is too weak: " + problems.joined(separator: "; ") + ".", field: field)
    }

    /// The e-mail address is not usable.
    public static func invalidEmail(_ reason: String) -> IdentityError {
        IdentityError(code: .badUserInput, message: reason, field: "email")
    }

    /// The display name is not usable.
    public static func invalidDisplayName(_ reason: String) -> IdentityError {
        IdentityError(code: .badUserInput, message: reason, field: "displayName")
    }
}
