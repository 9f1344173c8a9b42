import Foundation
import Logging
import PostgresNIO

extension IdentityService {
    /// The users with these ids, in one SQL statement (for the batch loader); unknown ids are absent.
    public func users(ids: [UUID]) async throws -> [UUID: User] {
        let ids = Array(Set(ids))
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.client.query(
            "SELECT \(unescaped: User.columns) FROM control.users WHERE id = ANY(\(ids))", logger: logger)
        var users: [UUID: User] = [:]
        for user in try await User.decodeAll(rows) { users[user.id] = user }
        return users
    }

    /// The user with this id, or nil.
    public func user(id: UUID) async throws -> User? {
        try await users(ids: [id])[id]
    }

    /// The user an access token speaks for, in one statement, or nil when the token's session was revoked or has
    /// ended (logout, revocation, password reset, an admin's disable): so an access token stops working as soon as its
    /// session does, not when it expires.
    public func user(for claims: AccessClaims) async throws -> User? {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: User.columns(of: "u")) FROM control.users u
            JOIN control.sessions s ON s.user_id = u.id
            WHERE u.id = \(claims.userID) AND s.id = \(claims.sessionID) AND s.revoked_at IS NULL AND s.expires_at > now()
            """, logger: logger)
        return try await User.decodeAll(rows).first
    }
}
