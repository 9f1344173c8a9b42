import Logging
import PostgresNIO
import ServiceLifecycle

/// The PostgreSQL pool of the process. Run it as a service (or call `run()` in a task) before use.
public struct Database: Service {
    /// The underlying PostgresNIO pool; prefer the scopes (`withControlTransaction`, `withWorkspaceTransaction`).
    public let client: PostgresClient
    public let settings: DatabaseSettings
    let logger: Logger

    /// Creates a pool for `settings`; nothing connects until the pool runs and is used.
    public init(settings: DatabaseSettings, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.username,
            password: settings.password,
            database: settings.database,
            tls: settings.tls.clientTLS
        )
        configuration.options.maximumConnections = settings.maximumConnections
        configuration.options.minimumConnections = 0
        configuration.options.connectTimeout = .seconds(5)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.settings = settings
        self.logger = logger
    }

    /// Runs the pool until the task is cancelled or a graceful shutdown is triggered.
    public func run() async throws {
        await client.run()
    }

    /// Runs `body` with a running pool, then shuts the pool down: for commands that are not long-running services.
    public static func withRunning<Result: Sendable>(
        settings: DatabaseSettings,
        logger: Logger,
        _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let database = Database(settings: settings, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let (started, signal) = AsyncStream<Void>.makeStream()
            group.addTask {
                signal.finish()
                await database.client.run()
            }
            // Wait until the pool's task runs, so the first lease does not find the pool not yet running.
            for await _ in started {}
            defer { group.cancelAll() }
            return try await body(database)
        }
    }
}
