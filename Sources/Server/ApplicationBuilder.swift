import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import Persistence
import Prometheus
import Redis
import ServiceLifecycle

/// The pieces the HTTP application is built from; the caller owns and runs them.
public struct ApplicationDependencies: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    public let redis: RedisConnection
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger
    /// The GraphQL endpoint; nil serves the operational routes only.
    public let graphQL: GraphQLEndpoint?

    /// Collects the dependencies; nothing connects until the application runs.
    public init(
        configuration: AppConfiguration, database: Database, redis: RedisConnection, metrics: PrometheusCollectorRegistry,
        logger: Logger, graphQL: GraphQLEndpoint? = nil
    ) {
        self.configuration = configuration
        self.database = database
        self.redis = redis
        self.metrics = metrics
        self.logger = logger
        self.graphQL = graphQL
    }
}

/// Builds the Hummingbird application: routes, middleware, and the database pool as a service it runs.
public func buildApplication(_ dependencies: ApplicationDependencies) -> some ApplicationProtocol {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: CORSAllowListMiddleware(allowedOrigins: Set(dependencies.configuration.corsAllowedOrigins)))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    let readiness = ReadinessChecker(
        probes: [PostgresProbe(database: dependencies.database), RedisProbe(connection: dependencies.redis)],
        timeout: dependencies.configuration.readinessTimeout
    )
    router.addHealthRoutes(readiness: readiness)
    router.addMetricsRoute(registry: dependencies.metrics)
    if let graphQL = dependencies.graphQL {
        router.addGraphQLRoutes(graphQL)
        router.addImportUploadRoute(graphQL)
    }
    let server: HTTPServerBuilder
    if let graphQL = dependencies.graphQL {
        let initTimeout = dependencies.configuration.subscriptionInitTimeout
        server = .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 1 << 20, validateUTF8: true))) { request, channel, logger in
            graphQL.webSocketUpgrade(request, channel: channel, initTimeout: initTimeout, logger: logger)
        }
    } else {
        server = .http1()
    }
    return Application(
        router: router,
        server: server,
        configuration: .init(
            address: .hostname(dependencies.configuration.httpHost, port: dependencies.configuration.httpPort),
            serverName: "budgetai"
        ),
        services: [dependencies.database],
        logger: dependencies.logger
    )
}
