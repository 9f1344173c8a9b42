import Foundation
import Logging
import Persistence
import PostgresNIO

/// Accounts, passwords, sessions and tokens: registration, e-mail verification, login with throttling, rotating
/// refresh tokens with reuse detection, password reset and change, and access-token verification.
public struct IdentityService: Sendable {
    public let database: Database
    public let provisioner: WorkspaceProvisioner
    public let settings: IdentitySettings
    public let throttle: LoginThrottle
    let logger: Logger
    let hasher: PasswordHasher
    /// A hash of a random password, verified against when the e-mail is unknown so that timing tells nothing.
    let dummyHash: String
    /// Access tokens verified before, until they expire.
    let verifiedTokens = VerifiedTokenCache()
    /// Password-reset requests per account, so nobody can flood a mailbox with reset links.
    let resetRequests: LoginThrottle

    /// A service; computes one Argon2 hash (the dummy used for unknown e-mails).
    public init(database: Database, provisioner: WorkspaceProvisioner, settings: IdentitySettings, throttle: LoginThrottle, logger: Logger) {
        self.database = database
        self.provisioner = provisioner
        self.settings = settings
        self.throttle = throttle
        self.resetRequests = LoginThrottle(redis: throttle.redis, settings: .passwordResetRequests, logger: logger)
        self.logger = logger
        self.hasher = PasswordHasher(parameters: settings.argon2)
        self.dummyHash = PasswordHasher.dummyHash(parameters: settings.argon2)
    }

    /// The link a mail carries: `<publicBaseURL>/<path>?token=<token>`.
    func link(_ path: String, token: String) -> String {
        var base = settings.publicBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(path)?token=\(token)"
    }

    /// The user whose lower-cased e-mail is `email`, with the password hash, inside `connection`'s transaction.
    func userWithCredential(email: String, on connection: PostgresConnection, lock: Bool = false) async throws -> (User, String?)? {
        let rows = try await connection.query(
            """
            SELECT u.id, u.email, u.display_name, u.platform_role, u.is_business, u.email_verified_at, u.disabled_at,
                   u.created_at, c.password_hash
            FROM control.users u LEFT JOIN control.credentials c ON c.user_id = u.id
            WHERE lower(u.email) = \(EmailAddress.normalized(email))
            """,
            logger: logger)
        for try await row in rows.decode((UUID, String, String, String, Bool, Date?, Date?, Date, String?).self) {
            return (User(row: (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)), row.8)
        }
        return nil
    }

    /// The user `id` with the password hash.
    func userWithCredential(id: UUID, on connection: PostgresConnection) async throws -> (User, String?)? {
        let rows = try await connection.query(
            """
            SELECT u.id, u.email, u.display_name, u.platform_role, u.is_business, u.email_verified_at, u.disabled_at,
                   u.created_at, c.password_hash
            FROM control.users u LEFT JOIN control.credentials c ON c.user_id = u.id
            WHERE u.id = \(id)
            """,
            logger: logger)
        for try await row in rows.decode((UUID, String, String, String, Bool, Date?, Date?, Date, String?).self) {
            return (User(row: (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)), row.8)
        }
        return nil
    }

    /// Checks a new password against the policy; throws `weakPassword` listing every problem.
    func checkPolicy(_ password: String, email: String, displayName: String, field: String = "password") throws(IdentityError) {
        let problems = settings.passwordPolicy.problems(password: password, email: email, displayName: displayName)
        if !problems.isEmpty { throw .weakPassword(problems, field: field) }
    }

    /// Argon2 runs for tens of milliseconds: off the cooperative pool's threads, so it does not stall other tasks.
    func hashPassword(_ password: String) async throws -> String {
        let hasher = self.hasher
        return try await Self.offloaded { try hasher.hash(password) }
    }

    /// Verifies off the cooperative pool; an absent hash is checked against the dummy so it costs the same.
    func verifyPassword(_ password: String, against encoded: String?) async -> Bool {
        let hasher = self.hasher
        let target = encoded ?? dummyHash
        let matches = (try? await Self.offloaded { hasher.verify(password, against: target) }) ?? false
        return matches && encoded != nil
    }

    private static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
