import Persistence
import PostgresNIO
import Redis

/// Something /readyz checks; `check()` throws when the dependency cannot serve.
public protocol DependencyProbe: Sendable {
    /// Name in the /readyz report, such as "postgres".
    var name: String { get }
    /// Whether the service is unusable without it (503) or only degraded (200, "degraded").
    var isRequired: Bool { get }
    /// Returns when the dependency answered; throws otherwise.
    func check() async throws
}

/// Runs `SELECT 1` through the pool.
public struct PostgresProbe: DependencyProbe {
    public let database: Database
    public var name: String { "postgres" }
    public var isRequired: Bool { true }

    /// A probe over the application's own pool.
    public init(database: Database) { self.database = database }

    /// Runs `SELECT 1`; throws a readable failure when PostgreSQL cannot answer.
    public func check() async throws {
        do {
            try await database.client.query("SELECT 1")
        } catch {
            throw ProbeFailure(describeDatabaseError(error))
        }
    }
}

/// Sends PING.
public struct RedisProbe: DependencyProbe {
    public let connection: RedisConnection
    public var name: String { "redis" }
    public var isRequired: Bool { false }

    /// A probe over the application's Redis connection.
    public init(connection: RedisConnection) { self.connection = connection }

    /// Sends PING; throws `RedisError` when Redis cannot answer.
    public func check() async throws {
        try await connection.ping()
    }
}

/// A failed probe with a readable message.
public struct ProbeFailure: Error, CustomStringConvertible {
    public let description: String
    /// A failure described by `description`.
    public init(_ description: String) { self.description = description }
}
