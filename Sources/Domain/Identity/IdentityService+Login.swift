import Crypto
import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// Checks the password and opens a session (a refresh-token family). Failures are throttled per account and
    /// address, recorded in login_attempts and the audit log, and never tell whether the e-mail exists.
    public func login(email: String, password: String, rememberMe: Bool, origin: ClientOrigin) async throws -> (User, TokenPair) {
        let normalized = EmailAddress.normalized(email)
        guard !normalized.isEmpty, normalized.utf8.count <= 254, password.utf8.count <= 1024 else {
            throw IdentityError.invalidCredentials
        }
        if let wait = await throttle.retryAfter(email: normalized, address: origin.address) {
            throw IdentityError.throttled(retryAfter: wait)
        }
        let found = try await database.withControlTransaction { connection in
            try await userWithCredential(email: normalized, on: connection)
        }
        // Unknown e-mail: verify against the dummy hash, so the answer takes as long as for a known one.
        let matches = await verifyPassword(password, against: found?.1)
        guard let (user, storedHash) = found, matches else {
            await throttle.recordFailure(email: normalized, address: origin.address)
            try await recordFailedLogin(email: normalized, user: found?.0, reason: found == nil ? "unknown_email" : "wrong_password", origin: origin)
            throw IdentityError.invalidCredentials
        }
        if user.disabledAt != nil {
            try await recordFailedLogin(email: normalized, user: user, reason: "disabled", origin: origin)
            throw IdentityError.accountDisabled
        }
        await throttle.recordSuccess(email: normalized)
        // A hash made with older Argon2 settings is replaced now, while the password is at hand.
        let upgradedHash = try await upgradedPasswordHash(password, stored: storedHash)
        let pair = try await database.withControlTransaction { connection in
            let pair = try await openSession(for: user, rememberMe: rememberMe, origin: origin, on: connection)
            if let upgradedHash, let storedHash {
                // Only if unchanged meanwhile: a password change or reset in between wins.
                try await connection.query(
                    """
                    UPDATE control.credentials SET password_hash = \(upgradedHash), updated_at = now()
                    WHERE user_id = \(user.id) AND password_hash = \(storedHash)
                    """,
                    logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO control.login_attempts (user_id, email_hash, address, success)
                VALUES (\(user.id), \(Self.emailHash(normalized)), \(origin.address.map { String($0.prefix(100)) }), true)
                """,
                logger: logger)
            try await AuditLog.record(
                AuditEvent(
                    "auth.login", actor: user.id, origin: origin, targetType: "session", targetID: pair.sessionID.uuidString.lowercased(),
                    details: ["remember_me": rememberMe ? "true" : "false"]),
                on: connection, logger: logger)
            return pair
        }
        return (user, pair)
    }

    /// A hash of `password` with the current settings when `stored` was made with others; nil when it is current.
    private func upgradedPasswordHash(_ password: String, stored: String?) async throws -> String? {
        guard let stored, hasher.needsRehash(stored) else { return nil }
        return try await hashPassword(password)
    }

    /// The SHA-256 of the lower-cased e-mail, as login_attempts stores it.
    static func emailHash(_ normalizedEmail: String) -> Data {
        Data(SHA256.hash(data: Data(normalizedEmail.utf8)))
    }

    private func recordFailedLogin(email: String, user: User?, reason: String, origin: ClientOrigin) async throws {
        try await database.withControlTransaction { connection in
            try await connection.query(
                """
                INSERT INTO control.login_attempts (user_id, email_hash, address, success)
                VALUES (\(user?.id), \(Self.emailHash(email)), \(origin.address.map { String($0.prefix(100)) }), false)
                """,
                logger: logger)
            try await AuditLog.record(
                AuditEvent(
                    "auth.login_failed", actor: user?.id, origin: origin, targetType: user == nil ? nil : "user",
                    targetID: user?.id.uuidString.lowercased(), details: ["reason": reason]),
                on: connection, logger: logger)
        }
    }

    /// Creates a session and its first refresh token inside the caller's transaction; returns the tokens.
    func openSession(for user: User, rememberMe: Bool, origin: ClientOrigin, on connection: PostgresConnection) async throws -> TokenPair {
        let sessionID = UUID()
        let now = Date()
        let refreshExpiresAt = now.addingTimeInterval(refreshLifetime(rememberMe: rememberMe).timeInterval)
        let address = origin.address.map { String($0.prefix(100)) }
        try await connection.query(
            """
            INSERT INTO control.sessions (id, user_id, created_at, last_used_at, expires_at, remember_me, user_agent, address)
            VALUES (\(sessionID), \(user.id), \(now), \(now), \(refreshExpiresAt), \(rememberMe), \(origin.userAgent), \(address))
            """,
            logger: logger)
        let refresh = OpaqueToken.generate()
        try await connection.query(
            """
            INSERT INTO control.refresh_tokens (token_hash, session_id, expires_at)
            VALUES (\(refresh.hash), \(sessionID), \(refreshExpiresAt))
            """,
            logger: logger)
        return try tokenPair(
            userID: user.id, role: user.platformRole, sessionID: sessionID, refreshToken: refresh.value,
            refreshExpiresAt: refreshExpiresAt, now: now)
    }

    /// How long a refresh token (and its session) lasts from now.
    func refreshLifetime(rememberMe: Bool) -> Duration {
        rememberMe ? settings.rememberMeRefreshTokenLifetime : settings.refreshTokenLifetime
    }

    /// A signed access token and the refresh token, as handed to the client.
    func tokenPair(userID: UUID, role: PlatformRole, sessionID: UUID, refreshToken: String, refreshExpiresAt: Date, now: Date) throws -> TokenPair {
        // JWT times are whole seconds: round down so `authenticate` returns exactly this expiry.
        let accessExpiresAt = Date(
            timeIntervalSince1970: (now.timeIntervalSince1970 + settings.accessTokenLifetime.timeInterval).rounded(.down))
        let claims = AccessClaims(userID: userID, sessionID: sessionID, platformRole: role, expiresAt: accessExpiresAt)
        let accessToken = try settings.signingKeys.sign(
            claims, issuedAt: now, issuer: settings.tokenIssuer, audience: settings.tokenAudience)
        return TokenPair(
            accessToken: accessToken, accessTokenExpiresAt: accessExpiresAt, refreshToken: refreshToken,
            refreshTokenExpiresAt: refreshExpiresAt, sessionID: sessionID)
    }
}
