import Domain
import Foundation
import Logging
import Persistence
import PostgresNIO
import Redis
import TestSupport

/// Builds identity services on the shared test database, and reads what they wrote.
enum IdentityFixture {
    /// Cheap Argon2 for tests that hash many passwords; PasswordHasherTests uses the real parameters.
    static let testArgon2 = Argon2Parameters(timeCost: 1, memoryKiB: 1024, parallelism: 1)

    static let redis = RedisConnection(settings: try! RedisSettings(url: TestStack.redisURL))

    /// A service with test settings; `configure` changes them. Each call gets its own throttle key prefix.
    static func service(
        useRedis: Bool = true,
        throttle throttleSettings: LoginThrottleSettings? = nil,
        configure: (inout IdentitySettings) -> Void = { _ in }
    ) async throws -> IdentityService {
        let database = try await TestStack.database()
        let provisioner = WorkspaceProvisioner(
            database: database, tenantMigrations: try TestStack.migrations().tenant, rolePoolBatch: 50, logger: TestStack.logger)
        var settings = IdentitySettings(signingKeys: .ephemeral())
        settings.argon2 = testArgon2
        settings.publicBaseURL = "https://app.example.test"
        configure(&settings)
        var limits = throttleSettings ?? LoginThrottleSettings()
        limits.keyPrefix = "budgetai:test:\(UUID().uuidString.lowercased())"
        let throttle = LoginThrottle(redis: useRedis ? redis : nil, settings: limits, logger: TestStack.logger)
        return IdentityService(
            database: database, provisioner: provisioner, settings: settings, throttle: throttle, logger: TestStack.logger)
    }

    static let strongPassword = "correct horse battery staple 42"

    /// Registers a fresh user and returns its e-mail and id.
    static func registeredUser(_ service: IdentityService, password: String = strongPassword, name: String = "Test Person") async throws -> (email: String, id: UUID) {
        let email = TestStack.uniqueEmail()
        let outcome = try await service.register(email: email, password: password, displayName: name, origin: .init(address: "192.0.2.1"))
        guard let id = outcome.userID else { throw FixtureError("registration created no user") }
        return (email, id)
    }

    /// One integer from a `SELECT count(*) ...`.
    static func count(_ query: PostgresQuery) async throws -> Int {
        let database = try await TestStack.database()
        let rows = try await database.client.query(query, logger: TestStack.logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var count = 0
        for try await value in rows.decode(Int.self) { count = value }
        return count
    }

    /// The values of a query's one text column.
    static func strings(_ query: PostgresQuery) async throws -> [String] {
        let database = try await TestStack.database()
        let rows = try await database.client.query(query, logger: TestStack.logger)
        var values: [String] = []
        for try await value in rows.decode(String.self) { values.append(value) }
        return values
    }

    /// The token in the newest mail of `template` to `email`.
    static func tokenFromLatestMail(to email: String, template: String) async throws -> String? {
        let database = try await TestStack.database()
        let rows = try await database.client.query(
            """
            SELECT text_body FROM control.mail_outbox
            WHERE lower(to_address) = lower(\(email)) AND template = \(template) ORDER BY id DESC LIMIT 1
            """,
            logger: TestStack.logger)
        for try await body in rows.decode(String.self) {
            guard let range = body.range(of: #"token=[A-Za-z0-9_-]{43}"#, options: .regularExpression) else { return nil }
            return String(body[range].dropFirst("token=".count))
        }
        return nil
    }

    /// Audit rows of `action` by `actor`.
    static func auditCount(_ action: String, actor: UUID) async throws -> Int {
        try await count("SELECT count(*) FROM control.audit_log WHERE action = \(action) AND actor_user_id = \(actor)")
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The identity error `body` threw, or nil when it threw none or another kind.
func identityError(_ body: () async throws -> Void) async -> IdentityError? {
    do {
        try await body()
        return nil
    } catch let error as IdentityError {
        return error
    } catch {
        return nil
    }
}
