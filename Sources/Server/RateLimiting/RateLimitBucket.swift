/// One bucket a request draws from: the caller's (a user, or a client address when anonymous) or a workspace's.
public struct RateLimitBucket: Sendable, Hashable {
    /// The Redis key and in-process key, as `budgetai:rl:user:<id>`.
    public let key: String
    public let policy: RateLimitPolicy
    /// What the bucket belongs to, for the headers' partition key and for logs: `user`, `address` or `workspace`.
    public let kind: Kind

    public enum Kind: String, Sendable {
        case user
        case address
        case workspace
    }

    /// A bucket for `kind` and `id` under `policy`.
    public init(kind: Kind, id: String, policy: RateLimitPolicy) {
        self.key = "budgetai:rl:\(kind.rawValue):\(id)"
        self.policy = policy
        self.kind = kind
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key && lhs.policy == rhs.policy }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
