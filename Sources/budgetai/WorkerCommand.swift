import ArgumentParser
import Foundation
import Logging
import Persistence
import Redis
import Server
import ServiceLifecycle

/// `budgetai worker`: runs queued jobs, the periodic schedules and mail delivery until SIGTERM or SIGINT, then lets
/// running jobs finish and stops.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run queued and periodic jobs (mail, recurring transactions, clean-up) until SIGTERM/SIGINT.")

    @Option(help: "Jobs run at the same time, 1-64.")
    var concurrency = 4

    @Flag(help: "Run queued jobs only; leave the periodic schedules to other processes.")
    var noScheduler = false

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64, not \(concurrency)") }
    }

    func run() async throws {
        let (configuration, logger) = try startUp(label: "budgetai.worker")
        let database = Database(settings: configuration.database, logger: logger)
        // Notifications the jobs create reach subscribers on every server instance through Redis.
        let events = RedisEventBus(
            redis: RedisConnectionPool(settings: configuration.redis, size: 2), settings: configuration.redis, logger: logger)
        let runtime = try JobRuntime.make(
            configuration: configuration, database: database, events: events, tenantMigrations: try loadMigrations(configuration).tenant,
            concurrency: concurrency, logger: logger)
        logger.info("starting worker", metadata: [
            "database": "\(configuration.database.redactedURL)", "smtp": "\(configuration.smtp?.redactedURL ?? "none")",
            "scheduler": "\(!noScheduler)",
        ])
        // The pool first: a graceful shutdown stops services in reverse order, so it closes after the worker.
        let group = ServiceGroup(configuration: .init(
            services: [database as any Service] + runtime.services(withScheduler: !noScheduler), gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("stopped")
    }
}
