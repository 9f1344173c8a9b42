import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// Marks the token's user as verified; the token works once and until it expires.
    public func verifyEmail(token: String, origin: ClientOrigin) async throws -> User {
        guard OpaqueToken.isWellFormed(token) else { throw IdentityError.invalidToken }
        let hash = OpaqueToken.hash(of: token)
        return try await database.withControlTransaction { connection in
            let used = try await connection.query(
                """
                UPDATE control.email_verification_tokens SET used_at = now()
                WHERE token_hash = \(hash) AND used_at IS NULL AND expires_at > now()
                RETURNING user_id
                """,
                logger: logger)
            var userID: UUID?
            for try await id in used.decode(UUID.self) { userID = id }
            guard let userID else { throw IdentityError.invalidToken }
            let rows = try await connection.query(
                """
                UPDATE control.users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
                WHERE id = \(userID) RETURNING \(unescaped: User.columns)
                """,
                logger: logger)
            guard let user = try await User.decodeAll(rows).first else { throw IdentityError.invalidToken }
            try await AuditLog.record(
                AuditEvent("auth.email_verified", actor: userID, origin: origin, targetType: "user", targetID: userID.uuidString.lowercased()),
                on: connection, logger: logger)
            return user
        }
    }

    /// Sends a new verification mail unless the address is verified or a mail went out in the last minute.
    public func resendVerification(userID: UUID) async throws {
        try await database.withControlTransaction { connection in
            guard let (user, _) = try await userWithCredential(id: userID, on: connection),
                  user.emailVerifiedAt == nil, user.disabledAt == nil
            else { return }
            let recent = try await connection.query(
                """
                SELECT count(*) FROM control.email_verification_tokens
                WHERE user_id = \(userID) AND used_at IS NULL AND created_at > now() - interval '1 minute'
                """,
                logger: logger)
            for try await count in recent.decode(Int.self) where count > 0 { return }
            // Earlier links stop working: only the newest mail counts.
            try await connection.query(
                "DELETE FROM control.email_verification_tokens WHERE user_id = \(userID) AND used_at IS NULL", logger: logger)
            try await issueVerification(userID: userID, email: user.email, displayName: user.displayName, on: connection)
        }
    }
}
