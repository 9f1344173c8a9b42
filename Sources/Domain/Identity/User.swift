import Foundation

/// A row of `control.users`.
public struct User: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let email: String
    public let displayName: String
    public let platformRole: PlatformRole
    public let isBusiness: Bool
    public let emailVerifiedAt: Date?
    public let disabledAt: Date?
    public let createdAt: Date

    /// A user value as read from the database.
    public init(
        id: UUID, email: String, displayName: String, platformRole: PlatformRole, isBusiness: Bool,
        emailVerifiedAt: Date?, disabledAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.platformRole = platformRole
        self.isBusiness = isBusiness
        self.emailVerifiedAt = emailVerifiedAt
        self.disabledAt = disabledAt
        self.createdAt = createdAt
    }

    /// Whether the account is switched off by an administrator.
    public var isDisabled: Bool { disabledAt != nil }
}
