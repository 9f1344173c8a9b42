import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Persistence
import Prometheus
import Redis
import Server
import ServiceLifecycle

/// `budgetai serve`: the HTTP API until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve HTTP until SIGTERM/SIGINT.")

    func run() async throws {
        let (configuration, logger) = try startUp(label: "budgetai")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let database = Database(settings: configuration.database, logger: logger)
        let redis = RedisConnection(settings: configuration.redis)
        // Commands (rate limits, publishing) share a pool; subscriptions from other instances arrive on the bus's own
        // subscriber connection.
        let redisPool = RedisConnectionPool(settings: configuration.redis, size: configuration.redisPoolSize)
        let events = RedisEventBus(redis: redisPool, settings: configuration.redis, logger: logger)
        let migrations = try loadMigrations(configuration)
        let graphQL: GraphQLEndpoint
        do {
            graphQL = try GraphQLEndpoint.make(
                configuration: configuration, database: database, redis: redisPool, events: events,
                tenantMigrations: migrations.tenant, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let app = buildApplication(ApplicationDependencies(
            configuration: configuration, database: database, redis: redis, metrics: registry, logger: logger, graphQL: graphQL
        ))
        logger.info("starting", metadata: [
            "url": "http://\(configuration.httpHost):\(configuration.httpPort)\(GraphQLPath.endpoint)",
            "database": "\(configuration.database.redactedURL)",
            "redis": "\(configuration.redis.redactedURL)",
        ])
        do {
            try await redis.ping()
        } catch {
            // Rate limits and events fall back to this process until Redis answers; /readyz reports "degraded".
            logger.warning("Redis unreachable, serving degraded", metadata: ["error": "\(error)"])
        }
        // The job worker and scheduler, unless WORKER_ENABLED=false. After the app in the list, so SIGTERM stops them
        // first, while the app's database pool still runs for the jobs that are finishing.
        let jobs = configuration.workerEnabled
            ? try JobRuntime.make(
                configuration: configuration, database: database, events: events, tenantMigrations: migrations.tenant, logger: logger).services()
            : []
        let group = ServiceGroup(
            configuration: .init(services: [app] + jobs, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
        logger.info("stopped")
    }
}
