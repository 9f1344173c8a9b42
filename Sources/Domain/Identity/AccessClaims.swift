import Foundation

/// What a verified access token says: who, in which session, with which platform role, until when.
public struct AccessClaims: Sendable, Equatable {
    public let userID: UUID
    public let sessionID: UUID
    public let platformRole: PlatformRole
    public let expiresAt: Date

    /// Claims as issued or verified.
    public init(userID: UUID, sessionID: UUID, platformRole: PlatformRole, expiresAt: Date) {
        self.userID = userID
        self.sessionID = sessionID
        self.platformRole = platformRole
        self.expiresAt = expiresAt
    }
}
