/// A user's role on the platform as a whole, apart from any workspace role.
public enum PlatformRole: String, Sendable, CaseIterable {
    case user = "USER"
    case support = "SUPPORT"
    case admin = "ADMIN"
}

extension PlatformRole {
    /// Whether this role has at least the rights of `required` (USER < SUPPORT < ADMIN).
    public func satisfies(_ required: PlatformRole) -> Bool { rank >= required.rank }

    private var rank: Int {
        switch self {
        case .user: 0
        case .support: 1
        case .admin: 2
        }
    }
}
