import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// Ends the session: its refresh tokens stop working (access tokens already issued run out by themselves).
    public func logout(userID: UUID, sessionID: UUID, origin: ClientOrigin) async throws {
        _ = try await endSession(userID: userID, sessionID: sessionID, action: "auth.logout", reason: "logout", origin: origin)
    }

    /// The user's live sessions, newest first.
    public func sessions(userID: UUID) async throws -> [SessionInfo] {
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT id, created_at, last_used_at, expires_at, remember_me, user_agent, address
                FROM control.sessions
                WHERE user_id = \(userID) AND revoked_at IS NULL AND expires_at > now()
                ORDER BY created_at DESC, id
                """,
                logger: logger)
            var sessions: [SessionInfo] = []
            for try await (id, createdAt, lastUsedAt, expiresAt, rememberMe, userAgent, address) in rows.decode(
                (UUID, Date, Date, Date, Bool, String?, String?).self)
            {
                sessions.append(SessionInfo(
                    id: id, createdAt: createdAt, lastUsedAt: lastUsedAt, expiresAt: expiresAt, rememberMe: rememberMe,
                    userAgent: userAgent, address: address))
            }
            return sessions
        }
    }

    /// Revokes one of the user's sessions; false when it is not theirs or not live.
    public func revokeSession(userID: UUID, sessionID: UUID, origin: ClientOrigin) async throws -> Bool {
        try await endSession(userID: userID, sessionID: sessionID, action: "auth.session_revoked", reason: "revoked", origin: origin)
    }

    /// Revokes every live session of the user inside the caller's transaction (for an admin disabling the account).
    public func revokeAllSessions(userID: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE control.sessions SET revoked_at = now(), revoked_reason = 'revoked_all'
            WHERE user_id = \(userID) AND revoked_at IS NULL
            """,
            logger: logger)
    }

    private func endSession(userID: UUID, sessionID: UUID, action: String, reason: String, origin: ClientOrigin) async throws -> Bool {
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE control.sessions SET revoked_at = now(), revoked_reason = \(reason)
                WHERE id = \(sessionID) AND user_id = \(userID) AND revoked_at IS NULL
                RETURNING id
                """,
                logger: logger)
            var ended = false
            for try await _ in rows.decode(UUID.self) { ended = true }
            guard ended else { return false }
            try await AuditLog.record(
                AuditEvent(action, actor: userID, origin: origin, targetType: "session", targetID: sessionID.uuidString.lowercased()),
                on: connection, logger: logger)
            return true
        }
    }
}
