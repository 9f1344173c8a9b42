import Domain
import Foundation
import Logging
import Persistence
import Redis

/// Everything the process is configured with, parsed from environment variables.
public struct AppConfiguration: Sendable, Equatable {
    public var database: DatabaseSettings
    public var redis: RedisSettings
    /// SMTP_URL; nil keeps mail in the outbox.
    public var smtp: SMTPSettings?
    public var mailFrom: MailboxAddress
    /// Whether `serve` runs a job worker and scheduler in process (WORKER_ENABLED).
    public var workerEnabled: Bool
    /// Warm pooled workspaces the job worker keeps (WORKSPACE_POOL_SIZE); 0: none.
    public var workspacePoolSize: Int
    public var httpHost: String
    public var httpPort: Int
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var migrationsDirectory: String
    public var migrationConcurrency: Int
    public var readinessTimeout: Duration
    public var schemaPath: String
    /// JWT_SIGNING_KEYS as given; empty means a random key for this process only.
    public var jwtSigningKeys: String
    public var publicBaseURL: String
    public var corsAllowedOrigins: [String]
    public var graphQLMaxBodyBytes: Int
    public var passwordPolicy: PasswordPolicyName
    public var redisPoolSize: Int
    public var rateLimits: RateLimitSettings
    public var subscriptionInitTimeout: Duration

    /// Parses `environment`; an unset or empty variable takes its default. Pure: reads nothing else.
    public static func parse(environment: [String: String]) throws(ConfigurationError) -> AppConfiguration {
        func value(_ variable: EnvironmentVariable) -> String {
            if let set = environment[variable.name], !set.isEmpty { return set }
            return variable.defaultValue ?? ""
        }
        func integer(_ variable: EnvironmentVariable, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            let text = value(variable)
            guard let number = Int(text) else {
                throw ConfigurationError(variable: variable.name, problem: "\"\(text)\" is not a whole number")
            }
            guard range.contains(number) else {
                throw ConfigurationError(variable: variable.name, problem: "\(number) is outside \(range.lowerBound)-\(range.upperBound)")
            }
            return number
        }

        let poolSize = try integer(.databasePoolSize, in: 1...1000)
        let database: DatabaseSettings
        do {
            database = try DatabaseSettings(url: value(.databaseURL), maximumConnections: poolSize)
        } catch {
            throw ConfigurationError(variable: EnvironmentVariable.databaseURL.name, problem: "the URL \(error.reason)")
        }
        let readinessTimeout = Duration.milliseconds(try integer(.readinessTimeoutMS, in: 10...60_000))
        let redis: RedisSettings
        do {
            redis = try RedisSettings(url: value(.redisURL), timeout: readinessTimeout)
        } catch {
            throw ConfigurationError(variable: EnvironmentVariable.redisURL.name, problem: "the URL \(error.reason)")
        }
        var smtp: SMTPSettings?
        if !value(.smtpURL).isEmpty {
            do {
                smtp = try SMTPSettings(url: value(.smtpURL))
            } catch {
                throw ConfigurationError(variable: EnvironmentVariable.smtpURL.name, problem: "the URL \(error.reason)")
            }
        }
        let mailFrom: MailboxAddress
        do {
            mailFrom = try MailboxAddress(parsing: value(.mailFrom))
        } catch {
            throw ConfigurationError(
                variable: EnvironmentVariable.mailFrom.name, problem: "\"\(error.text)\" is not an address such as Budget AI <no-reply@example.com>")
        }
        let workerText = value(.workerEnabled).lowercased()
        guard workerText == "true" || workerText == "false" else {
            throw ConfigurationError(variable: EnvironmentVariable.workerEnabled.name, problem: "\"\(workerText)\" is not true or false")
        }
        let host = value(.httpHost)
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
            throw ConfigurationError(variable: EnvironmentVariable.httpHost.name, problem: "\"\(host)\" is not a host name or address")
        }
        let levelText = value(.logLevel).lowercased()
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ConfigurationError(
                variable: EnvironmentVariable.logLevel.name,
                problem: "\"\(levelText)\" is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let formatText = value(.logFormat).lowercased()
        guard let format = LogFormat(rawValue: formatText) else {
            throw ConfigurationError(variable: EnvironmentVariable.logFormat.name, problem: "\"\(formatText)\" is not text or json")
        }
        let origins = value(.corsAllowedOrigins).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in origins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) || origin.hasSuffix("/") {
            throw ConfigurationError(
                variable: EnvironmentVariable.corsAllowedOrigins.name,
                problem: "\"\(origin)\" is not an origin such as https://app.example.com (scheme and host, no path)")
        }
        let policyText = value(.passwordPolicy).lowercased()
        guard let policy = PasswordPolicyName(rawValue: policyText) else {
            throw ConfigurationError(variable: EnvironmentVariable.passwordPolicy.name, problem: "\"\(policyText)\" is not length or classic")
        }
        func rateLimitPolicy(_ variable: EnvironmentVariable) throws(ConfigurationError) -> RateLimitPolicy {
            guard let policy = RateLimitPolicy(parsing: value(variable)) else {
                throw ConfigurationError(variable: variable.name, problem: "\"\(value(variable))\" is not MAX/RATE with two positive whole numbers, as 1000/50")
            }
            return policy
        }
        let plans: [String: RateLimitPolicy]
        switch RateLimitSettings.parsePlans(value(.rateLimitPlans)) {
        case .success(let parsed): plans = parsed
        case .failure(let error):
            throw ConfigurationError(variable: EnvironmentVariable.rateLimitPlans.name, problem: "\"\(error.entry)\" is not PLAN=MAX/RATE, as FREE=2000/100")
        }
        let enabledText = value(.rateLimitEnabled).lowercased()
        guard enabledText == "true" || enabledText == "false" else {
            throw ConfigurationError(variable: EnvironmentVariable.rateLimitEnabled.name, problem: "\"\(enabledText)\" is not true or false")
        }
        let rateLimits = RateLimitSettings(
            enabled: enabledText == "true", user: try rateLimitPolicy(.rateLimitUser), anonymous: try rateLimitPolicy(.rateLimitAnonymous),
            plans: plans, defaultPlan: plans["FREE"] ?? RateLimitPolicy(maximumAvailable: 2_000, restoreRate: 100))
        let baseURL = value(.publicBaseURL)
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw ConfigurationError(variable: EnvironmentVariable.publicBaseURL.name, problem: "\"\(baseURL)\" is not an http(s) URL")
        }
        return AppConfiguration(
            database: database,
            redis: redis,
            smtp: smtp,
            mailFrom: mailFrom,
            workerEnabled: workerText == "true",
            workspacePoolSize: try integer(.workspacePoolSize, in: 0...1000),
            httpHost: host,
            httpPort: try integer(.httpPort, in: 1...65535),
            logLevel: level,
            logFormat: format,
            migrationsDirectory: value(.migrationsDir),
            migrationConcurrency: try integer(.migrationConcurrency, in: 1...64),
            readinessTimeout: readinessTimeout,
            schemaPath: value(.schemaPath),
            jwtSigningKeys: value(.jwtSigningKeys),
            publicBaseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL,
            corsAllowedOrigins: origins,
            graphQLMaxBodyBytes: try integer(.graphQLMaxBodyBytes, in: 1024...67_108_864),
            passwordPolicy: policy,
            redisPoolSize: try integer(.redisPoolSize, in: 1...64),
            rateLimits: rateLimits,
            subscriptionInitTimeout: .milliseconds(try integer(.subscriptionInitTimeoutMS, in: 100...60_000))
        )
    }
}

/// Which password rule set PASSWORD_POLICY names.
public enum PasswordPolicyName: String, Sendable, Equatable {
    /// At least 12 characters.
    case length
    /// At least 8 characters with upper and lower case, a digit and a special character.
    case classic
}

/// A bad configuration value; its description is the one line printed before the process stops.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let variable: String
    public let problem: String

    /// A problem with one variable; `problem` completes "VARIABLE: ...".
    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "configuration error: \(variable): \(problem)" }
}
