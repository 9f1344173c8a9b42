import API
import Domain
import Foundation
import Logging
import Persistence
import Redis

extension GraphQLEndpoint {
    /// Builds the services and binds schema.graphql as the configuration says; throws when the schema does not load
    /// or the signing keys do not parse, so a bad deployment stops at start-up. `argon2` is the password-hash cost
    /// (tests that sign many users up pass a cheap one; production keeps the standard), and `loginThrottle` the
    /// failed-login limits (tests give each run its own key prefix).
    public static func make(
        configuration: AppConfiguration, database: Database, redis: (any RedisClient)?, events: any EventBus = LocalEventBus(),
        tenantMigrations: [Migration], argon2: Argon2Parameters = .standard, loginThrottle: LoginThrottleSettings = .init(),
        logger: Logger
    ) throws -> GraphQLEndpoint {
        let keys: SigningKeys
        if configuration.jwtSigningKeys.isEmpty {
            keys = SigningKeys.ephemeral()
            logger.warning("JWT_SIGNING_KEYS is not set: tokens are signed with a random key and die with this process")
        } else {
            do {
                keys = try SigningKeys(parsing: configuration.jwtSigningKeys)
            } catch {
                throw ConfigurationError(variable: EnvironmentVariable.jwtSigningKeys.name, problem: "\(error)")
            }
        }
        var settings = IdentitySettings(signingKeys: keys)
        settings.argon2 = argon2
        settings.publicBaseURL = configuration.publicBaseURL
        settings.passwordPolicy = configuration.passwordPolicy == .classic ? .classic : .default
        let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: tenantMigrations, logger: logger)
        let identity = IdentityService(
            database: database, provisioner: provisioner, settings: settings,
            throttle: LoginThrottle(redis: redis, settings: loginThrottle, logger: logger), logger: logger)
        let services = APIServices(
            database: database, identity: identity,
            tenancy: TenancyService(database: database, provisioner: provisioner, publicBaseURL: configuration.publicBaseURL, logger: logger),
            admin: AdminService(database: database, identity: identity, logger: logger),
            events: events, logger: logger)
        let executable = try APISchema.load(path: configuration.schemaPath)
        return GraphQLEndpoint(
            service: GraphQLService(executable: executable, logger: logger), services: services,
            maxBodyBytes: configuration.graphQLMaxBodyBytes, allowedOrigins: configuration.corsAllowedOrigins,
            rateLimit: RateLimitGate(
                settings: configuration.rateLimits, limiter: FailoverRateLimiter(redis: redis, logger: logger),
                plans: WorkspacePlanCache(database: database), logger: logger))
    }
}
