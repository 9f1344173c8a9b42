/// Limits of `LoginThrottle`: failed logins per fixed window, per account and per client address.
public struct LoginThrottleSettings: Sendable, Equatable {
    /// Failed logins an account may have in one window before further attempts are refused.
    public var maxFailuresPerAccount: Int
    /// Failed logins one address may make in one window, over all accounts.
    public var maxFailuresPerAddress: Int
    /// The window's length; a window starts with its first failure.
    public var window: Duration
    /// Prefix of the Redis keys.
    public var keyPrefix: String

    /// Defaults: 5 failures per account and 30 per address in 15 minutes.
    public init(
        maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 30, window: Duration = .seconds(15 * 60),
        keyPrefix: String = "budgetai:login"
    ) {
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.window = window
        self.keyPrefix = keyPrefix
    }
}

extension LoginThrottleSettings {
    /// Password-reset links: 3 per account per hour (the same windowed counter as failed logins).
    public static let passwordResetRequests = LoginThrottleSettings(
        maxFailuresPerAccount: 3, maxFailuresPerAddress: .max, window: .seconds(3600), keyPrefix: "budgetai:reset")
}
