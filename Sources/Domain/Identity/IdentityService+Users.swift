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
}
