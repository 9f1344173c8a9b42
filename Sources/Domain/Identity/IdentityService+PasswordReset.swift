import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// Mails a single-use reset link when the e-mail belongs to an active account; answers the same either way.
    public func requestPasswordReset(email: String, origin: ClientOrigin) async throws {
        let normalized = EmailAddress.normalized(email)
        guard normalized.contains("@"), normalized.utf8.count <= 254 else {
            throw IdentityError.invalidEmail("The e-mail address is not valid.")
        }
        // Beyond the per-account limit the answer stays the same (no oracle), but no mail goes out.
        if await resetRequests.retryAfter(email: normalized, address: nil) != nil {
            logger.notice("password reset request over the limit, no mail sent", metadata: ["address": "\(origin.address ?? "-")"])
            return
        }
        await resetRequests.recordFailure(email: normalized, address: nil)
        try await database.withControlTransaction { connection in
            guard let (user, _) = try await userWithCredential(email: normalized, on: connection), user.disabledAt == nil else {
                return
            }
            // Only the newest link works.
            try await connection.query(
                "UPDATE control.password_reset_tokens SET used_at = now() WHERE user_id = \(user.id) AND used_at IS NULL",
                logger: logger)
            let token = OpaqueToken.generate()
            let expiresAt = Date().addingTimeInterval(settings.passwordResetTokenLifetime.timeInterval)
            try await connection.query(
                """
                INSERT INTO control.password_reset_tokens (token_hash, user_id, expires_at)
                VALUES (\(token.hash), \(user.id), \(expiresAt))
                """,
                logger: logger)
            let minutes = max(1, Int(settings.passwordResetTokenLifetime.components.seconds / 60))
            try await MailOutbox.enqueue(
                IdentityMails.passwordReset(
                    to: user.email, displayName: user.displayName, link: link("reset-password", token: token.value),
                    lifetimeMinutes: minutes),
                on: connection, logger: logger)
            try await AuditLog.record(
                AuditEvent(
                    "auth.password_reset_requested", actor: user.id, origin: origin, targetType: "user",
                    targetID: user.id.uuidString.lowercased()),
                on: connection, logger: logger)
        }
    }

    /// Sets a new password with a reset token: the token works once, before it expires; every session is revoked.
    public func resetPassword(token: String, newPassword: String, origin: ClientOrigin) async throws {
        guard OpaqueToken.isWellFormed(token) else { throw IdentityError.invalidToken }
        let hash = OpaqueToken.hash(of: token)
        // Look first (no write) to check the password against the user's e-mail and name.
        let owner = try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: User.columns(of: "u"))
                FROM control.password_reset_tokens t JOIN control.users u ON u.id = t.user_id
                WHERE t.token_hash = \(hash) AND t.used_at IS NULL AND t.expires_at > now()
                """,
                logger: logger)
            return try await User.decodeAll(rows).first
        }
        guard let owner, owner.disabledAt == nil else { throw IdentityError.invalidToken }
        try checkPolicy(newPassword, email: owner.email, displayName: owner.displayName, field: "newPassword")
        let passwordHash = try await hashPassword(newPassword)
        try await database.withControlTransaction { connection in
            // Spends the token atomically: of two concurrent resets, one finds it unused.
            let spent = try await connection.query(
                """
                UPDATE control.password_reset_tokens SET used_at = now()
                WHERE token_hash = \(hash) AND user_id = \(owner.id) AND used_at IS NULL AND expires_at > now()
                RETURNING user_id
                """,
                logger: logger)
            var valid = false
            for try await _ in spent.decode(UUID.self) { valid = true }
            guard valid else { throw IdentityError.invalidToken }
            try await connection.query(
                "UPDATE control.password_reset_tokens SET used_at = now() WHERE user_id = \(owner.id) AND used_at IS NULL",
                logger: logger)
            try await storePasswordHash(passwordHash, userID: owner.id, on: connection)
            try await revokeAllSessions(userID: owner.id, on: connection)
            try await AuditLog.record(
                AuditEvent("auth.password_reset", actor: owner.id, origin: origin, targetType: "user", targetID: owner.id.uuidString.lowercased()),
                on: connection, logger: logger)
        }
    }

    /// Replaces (or creates) the user's credential row inside the caller's transaction.
    func storePasswordHash(_ passwordHash: String, userID: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO control.credentials (user_id, password_hash) VALUES (\(userID), \(passwordHash))
            ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()
            """,
            logger: logger)
    }
}
