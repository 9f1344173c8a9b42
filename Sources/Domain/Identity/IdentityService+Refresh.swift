import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// What a refresh found, decided inside the transaction and acted on after it commits.
    private enum RefreshResult: Sendable {
        case rotated(TokenPair)
        case reused
        case invalid
        case disabled
    }

    /// Rotates: the token is spent and a new pair issued. A spent token presented again revokes its whole session
    /// (the family, the newest token included) and is audited as "auth.refresh_reused".
    public func refresh(refreshToken: String, origin: ClientOrigin) async throws -> TokenPair {
        guard OpaqueToken.isWellFormed(refreshToken) else { throw IdentityError.invalidToken }
        let hash = OpaqueToken.hash(of: refreshToken)
        let result: RefreshResult = try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT t.session_id, t.used_at, t.expires_at, s.user_id, s.revoked_at, s.expires_at, s.remember_me,
                       u.platform_role, u.disabled_at
                FROM control.refresh_tokens t
                JOIN control.sessions s ON s.id = t.session_id
                JOIN control.users u ON u.id = s.user_id
                WHERE t.token_hash = \(hash)
                FOR UPDATE OF t, s
                """,
                logger: logger)
            var found: (UUID, Date?, Date, UUID, Date?, Date, Bool, String, Date?)?
            for try await row in rows.decode((UUID, Date?, Date, UUID, Date?, Date, Bool, String, Date?).self) { found = row }
            guard let (sessionID, usedAt, tokenExpiresAt, userID, revokedAt, sessionExpiresAt, rememberMe, role, disabledAt) = found else {
                return .invalid
            }
            let now = Date()
            if usedAt != nil {
                guard revokedAt == nil else { return .reused }
                try await connection.query(
                    """
                    UPDATE control.sessions SET revoked_at = now(), revoked_reason = 'refresh_reused'
                    WHERE id = \(sessionID) AND revoked_at IS NULL
                    """,
                    logger: logger)
                try await AuditLog.record(
                    AuditEvent(
                        "auth.refresh_reused", actor: userID, origin: origin, targetType: "session",
                        targetID: sessionID.uuidString.lowercased()),
                    on: connection, logger: logger)
                return .reused
            }
            guard revokedAt == nil, tokenExpiresAt > now, sessionExpiresAt > now else { return .invalid }
            guard disabledAt == nil else { return .disabled }
            let next = OpaqueToken.generate()
            let expiresAt = now.addingTimeInterval(refreshLifetime(rememberMe: rememberMe).timeInterval)
            try await connection.query(
                """
                INSERT INTO control.refresh_tokens (token_hash, session_id, expires_at)
                VALUES (\(next.hash), \(sessionID), \(expiresAt))
                """,
                logger: logger)
            try await connection.query(
                "UPDATE control.refresh_tokens SET used_at = now(), replaced_by = \(next.hash) WHERE token_hash = \(hash)",
                logger: logger)
            try await connection.query(
                "UPDATE control.sessions SET last_used_at = now(), expires_at = \(expiresAt) WHERE id = \(sessionID)",
                logger: logger)
            return .rotated(try tokenPair(
                userID: userID, role: PlatformRole(rawValue: role) ?? .user, sessionID: sessionID, refreshToken: next.value,
                refreshExpiresAt: expiresAt, now: now))
        }
        switch result {
        case .rotated(let pair): return pair
        case .reused: throw IdentityError.refreshTokenReused
        case .invalid: throw IdentityError.invalidToken
        case .disabled: throw IdentityError.accountDisabled
        }
    }
}
