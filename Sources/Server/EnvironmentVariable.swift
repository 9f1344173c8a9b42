/// An environment variable the program reads, with its default and meaning; the single list used by parsing,
/// `budgetai config --list-env`, and the deployment checks.
public struct EnvironmentVariable: Sendable, Hashable {
    public let name: String
    /// The value used when the variable is unset or empty; nil when there is none.
    public let defaultValue: String?
    public let summary: String
    /// Whether the value is a secret (deployments must take it from a Secret, not a ConfigMap).
    public let isSecret: Bool

    /// Declares a variable.
    public init(_ name: String, default defaultValue: String?, secret: Bool = false, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.isSecret = secret
    }
}

extension EnvironmentVariable {
    public static let databaseURL = EnvironmentVariable(
        "DATABASE_URL", default: "postgres://budgetai:budgetai@127.0.0.1:54329/budgetai", secret: true,
        "PostgreSQL URL, postgres://user:password@host:port/database[?sslmode=disable|prefer|require|verify-ca|verify-full[&sslrootcert=CA.pem]]")
    public static let databasePoolSize = EnvironmentVariable(
        "DATABASE_POOL_SIZE", default: "10", "Maximum PostgreSQL connections of the process, 1-1000")
    public static let redisURL = EnvironmentVariable(
        "REDIS_URL", default: "redis://127.0.0.1:63799/0", secret: true,
        "Redis URL, redis://[:password@]host:port[/db]; when unreachable /readyz reports degraded")
    public static let httpHost = EnvironmentVariable(
        "HTTP_HOST", default: "127.0.0.1", "Address the HTTP server binds (0.0.0.0 in containers)")
    public static let httpPort = EnvironmentVariable(
        "HTTP_PORT", default: "8080", "TCP port of the HTTP server, 1-65535")
    public static let logLevel = EnvironmentVariable(
        "LOG_LEVEL", default: "info", "trace, debug, info, notice, warning, error or critical")
    public static let logFormat = EnvironmentVariable(
        "LOG_FORMAT", default: "text", "text (human) or json (one JSON object per line)")
    public static let migrationsDir = EnvironmentVariable(
        "MIGRATIONS_DIR", default: "migrations", "Folder holding control/ and tenant/ migration files")
    public static let migrationConcurrency = EnvironmentVariable(
        "MIGRATION_CONCURRENCY", default: "4", "Workspaces migrated at the same time by budgetai migrate, 1-64")
    public static let readinessTimeoutMS = EnvironmentVariable(
        "READINESS_TIMEOUT_MS", default: "2000", "Time /readyz waits for PostgreSQL and for Redis, in ms, 10-60000")
    public static let smtpURL = EnvironmentVariable(
        "SMTP_URL", default: "", secret: true,
        "SMTP server for mail, smtp://[user:pass@]host:port[?starttls=required] or smtps://host:465; unset: mail stays in the outbox")
    public static let mailFrom = EnvironmentVariable(
        "MAIL_FROM", default: "Budget AI <no-reply@localhost>", "Sender of every mail, Name <address> or address")
    public static let workspacePoolSize = EnvironmentVariable(
        "WORKSPACE_POOL_SIZE", default: "10",
        "Workspaces kept ready (schema built and migrated) by the job worker, 0-1000, so creating one runs no DDL; 0: none")
    public static let workerEnabled = EnvironmentVariable(
        "WORKER_ENABLED", default: "true", "true or false: whether serve also runs the job worker and scheduler (budgetai worker runs them alone)")

    public static let schemaPath = EnvironmentVariable(
        "SCHEMA_PATH", default: "schema.graphql", "The API's schema.graphql, loaded and bound to the resolvers at start-up")
    public static let jwtSigningKeys = EnvironmentVariable(
        "JWT_SIGNING_KEYS", default: "", secret: true,
        "Access-token keys, kid:BASE64(32-byte Ed25519 seed),...; the first signs, all verify (rotation). Unset: a random key per process")
    public static let publicBaseURL = EnvironmentVariable(
        "PUBLIC_BASE_URL", default: "http://127.0.0.1:8080", "The web app's address, for links in e-mails (verification, reset, invitations)")
    public static let corsAllowedOrigins = EnvironmentVariable(
        "CORS_ALLOWED_ORIGINS", default: "", "Browser origins allowed to call /graphql, comma-separated (https://app.example.com); unset: none")
    public static let graphQLMaxBodyBytes = EnvironmentVariable(
        "GRAPHQL_MAX_BODY_BYTES", default: "1048576", "Largest /graphql request body accepted, in bytes, 1024-67108864 (413 above)")
    public static let passwordPolicy = EnvironmentVariable(
        "PASSWORD_POLICY", default: "length", "length (at least 12 characters) or classic (at least 8 with upper, lower, digit and special)")

    public static let redisPoolSize = EnvironmentVariable(
        "REDIS_POOL_SIZE", default: "4", "Redis connections for commands (rate limits, publishing), 1-64; pub/sub uses one more")
    public static let rateLimitEnabled = EnvironmentVariable(
        "RATE_LIMIT_ENABLED", default: "true", "true or false: charge each request's query cost to its buckets (429 when empty)")
    public static let rateLimitUser = EnvironmentVariable(
        "RATE_LIMIT_USER", default: "1000/50", "Each signed-in user's bucket, MAX/RATE: at most MAX cost points, restored at RATE per second")
    public static let rateLimitAnonymous = EnvironmentVariable(
        "RATE_LIMIT_ANONYMOUS", default: "200/10", "Each anonymous client address's bucket, MAX/RATE")
    public static let rateLimitPlans = EnvironmentVariable(
        "RATE_LIMIT_PLANS", default: "FREE=2000/100,PRO=10000/500,BUSINESS=20000/1000",
        "Each workspace's bucket by its plan, PLAN=MAX/RATE,...; unlisted plans take FREE's")
    public static let subscriptionInitTimeoutMS = EnvironmentVariable(
        "SUBSCRIPTION_INIT_TIMEOUT_MS", default: "3000",
        "Time a WebSocket client has to send connection_init before it is closed with 4408, in ms, 100-60000")

    /// Every variable the program reads.
    public static let all: [EnvironmentVariable] = [
        databaseURL, databasePoolSize, redisURL, httpHost, httpPort, logLevel, logFormat,
        migrationsDir, migrationConcurrency, readinessTimeoutMS, smtpURL, mailFrom, workerEnabled, workspacePoolSize, schemaPath, jwtSigningKeys, publicBaseURL,
        corsAllowedOrigins, graphQLMaxBodyBytes, passwordPolicy,
        redisPoolSize, rateLimitEnabled, rateLimitUser, rateLimitAnonymous, rateLimitPlans, subscriptionInitTimeoutMS,
    ]
}
