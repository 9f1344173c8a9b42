import Foundation
import Logging
import Persistence
import PostgresNIO

/// The database of the domain, API and end-to-end tests: `TEST_APP_DATABASE_URL` (scripts/test.sh sets it), migrated
/// once per test process and shared. Tests never reset it: each makes its own users and workspaces, with fresh e-mails.
public enum TestStack {
    /// The PostgreSQL URL of the shared test database.
    public static let databaseURL = ProcessInfo.processInfo.environment["TEST_APP_DATABASE_URL"]
        ?? "postgres://budgetai:budgetai@127.0.0.1:54329/budgetai_test_app"
    /// The Redis URL of the local stack.
    public static let redisURL = ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:63799/0"

    /// A quiet logger for tests.
    public static let logger: Logger = {
        var logger = Logger(label: "tests")
        logger.logLevel = .warning
        return logger
    }()

    /// The repository's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's migrations.
    public static func migrations() throws -> MigrationSet {
        try MigrationSet.load(from: repositoryRoot.appendingPathComponent("migrations"))
    }

    private static let shared = SharedDatabase()

    /// A running pool on the migrated test database, shared by every test of the process.
    public static func database() async throws -> Database {
        try await shared.get()
    }

    /// An e-mail address no other test uses.
    public static func uniqueEmail(_ prefix: String = "user") -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(12))@example.com"
    }
}

/// Starts the pool and migrates once; later callers wait for the first.
private actor SharedDatabase {
    private var ready: Task<Database, any Error>?

    func get() async throws -> Database {
        if let ready { return try await ready.value }
        let task = Task<Database, any Error> {
            let settings = try DatabaseSettings(url: TestStack.databaseURL, maximumConnections: 12)
            let database = Database(settings: settings, logger: TestStack.logger)
            let (started, signal) = AsyncStream<Void>.makeStream()
            Task.detached {
                signal.finish()
                await database.client.run()
            }
            for await _ in started {}
            let runner = MigrationRunner(
                database: database, migrations: try TestStack.migrations(), concurrency: 4, logger: TestStack.logger)
            _ = try await runner.run()
            return database
        }
        ready = task
        return try await task.value
    }
}
