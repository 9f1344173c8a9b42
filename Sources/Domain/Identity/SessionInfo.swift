import Foundation

/// One live login of a user, as listed on the account's sessions page.
public struct SessionInfo: Sendable, Equatable {
    public let id: UUID
    public let createdAt: Date
    public let lastUsedAt: Date
    public let expiresAt: Date
    public let rememberMe: Bool
    public let userAgent: String?
    public let address: String?

    /// A session value as read from the database.
    public init(id: UUID, createdAt: Date, lastUsedAt: Date, expiresAt: Date, rememberMe: Bool, userAgent: String?, address: String?) {
        self.id = id
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.rememberMe = rememberMe
        self.userAgent = userAgent
        self.address = address
    }
}
