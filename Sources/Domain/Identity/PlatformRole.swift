/// A user's role on the platform as a whole, apart from any workspace role.
public enum PlatformRole: String, Sendable, CaseIterable {
    case user = "USER"
    case support = "SUPPORT"
    case admin = "ADMIN"
}
