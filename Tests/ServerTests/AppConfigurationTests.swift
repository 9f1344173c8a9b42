import Logging
import Persistence
import XCTest
@testable import Server

final class AppConfigurationTests: XCTestCase {
    func testDefaultsPointAtTheLocalStack() throws {
        let configuration = try AppConfiguration.parse(environment: [:])
        XCTAssertEqual(configuration.database, DatabaseSettings(host: "127.0.0.1", port: 54329, username: "budgetai", password: "budgetai", database: "budgetai", maximumConnections: 10))
        XCTAssertEqual(configuration.redis.port, 63799)
        XCTAssertEqual(configuration.httpHost, "127.0.0.1")
        XCTAssertEqual(configuration.httpPort, 8080)
        XCTAssertEqual(configuration.logLevel, .info)
        XCTAssertEqual(configuration.logFormat, .text)
        XCTAssertEqual(configuration.migrationConcurrency, 4)
        XCTAssertEqual(configuration.readinessTimeout, .milliseconds(2000))
    }

    func testValuesAreRead() throws {
        let configuration = try AppConfiguration.parse(environment: [
            "DATABASE_URL": "postgresql://app:p%40ss@db.internal:5432/prod",
            "DATABASE_POOL_SIZE": "25",
            "REDIS_URL": "redis://cache:6379/1",
            "HTTP_HOST": "0.0.0.0",
            "HTTP_PORT": "9000",
            "LOG_LEVEL": "DEBUG",
            "LOG_FORMAT": "json",
            "MIGRATIONS_DIR": "/app/migrations",
            "MIGRATION_CONCURRENCY": "8",
            "READINESS_TIMEOUT_MS": "500",
        ])
        XCTAssertEqual(configuration.database.password, "p@ss")
        XCTAssertEqual(configuration.database.maximumConnections, 25)
        XCTAssertEqual(configuration.database.database, "prod")
        XCTAssertEqual(configuration.redis.database, 1)
        XCTAssertEqual(configuration.redis.timeout, .milliseconds(500))
        XCTAssertEqual(configuration.httpPort, 9000)
        XCTAssertEqual(configuration.logLevel, .debug)
        XCTAssertEqual(configuration.logFormat, .json)
        XCTAssertEqual(configuration.migrationsDirectory, "/app/migrations")
        XCTAssertEqual(configuration.migrationConcurrency, 8)
    }

    func testEmptyValueMeansDefault() throws {
        XCTAssertEqual(try AppConfiguration.parse(environment: ["HTTP_PORT": ""]).httpPort, 8080)
    }

    func testBadValuesNameTheVariable() {
        let cases: [(String, String, String)] = [
            ("HTTP_PORT", "eighty", "configuration error: HTTP_PORT: \"eighty\" is not a whole number"),
            ("HTTP_PORT", "70000", "configuration error: HTTP_PORT: 70000 is outside 1-65535"),
            ("LOG_FORMAT", "xml", "configuration error: LOG_FORMAT: \"xml\" is not text or json"),
            ("MIGRATION_CONCURRENCY", "0", "configuration error: MIGRATION_CONCURRENCY: 0 is outside 1-64"),
            ("DATABASE_URL", "mysql://x@y/z", "configuration error: DATABASE_URL: the URL must start with postgres:// or postgresql://"),
            ("DATABASE_URL", "postgres://db.internal/app", "configuration error: DATABASE_URL: the URL has no user name"),
            ("DATABASE_URL", "postgres://u@db.internal", "configuration error: DATABASE_URL: the URL must name one database in its path, as in /budgetai"),
            ("DATABASE_URL", "postgres://u@h/d?sslmode=allow", "configuration error: DATABASE_URL: the URL asks for sslmode=allow, which is not supported; use prefer, require, verify-ca or verify-full"),
            ("REDIS_URL", "http://cache", "configuration error: REDIS_URL: the URL must start with redis:// (TLS is not supported yet)"),
            ("HTTP_HOST", "two words", "configuration error: HTTP_HOST: \"two words\" is not a host name or address"),
            ("READINESS_TIMEOUT_MS", "5", "configuration error: READINESS_TIMEOUT_MS: 5 is outside 10-60000"),
            ("DATABASE_POOL_SIZE", "-1", "configuration error: DATABASE_POOL_SIZE: -1 is outside 1-1000"),
        ]
        for (name, value, message) in cases {
            XCTAssertThrowsError(try AppConfiguration.parse(environment: [name: value])) { error in
                XCTAssertEqual((error as? ConfigurationError)?.variable, name)
                XCTAssertEqual("\(error)", message)
                XCTAssertFalse("\(error)".contains("\n"), "one line")
            }
        }
        XCTAssertThrowsError(try AppConfiguration.parse(environment: ["LOG_LEVEL": "loud"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("configuration error: LOG_LEVEL: \"loud\" is not one of trace, debug"), "\(error)")
        }
    }

    func testEveryVariableIsListedOnceAndHasADefault() {
        let names = EnvironmentVariable.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        for variable in EnvironmentVariable.all {
            XCTAssertNotNil(variable.defaultValue, variable.name)
        }
        XCTAssertEqual(Set(EnvironmentVariable.all.filter(\.isSecret).map(\.name)), ["DATABASE_URL", "REDIS_URL", "JWT_SIGNING_KEYS", "SMTP_URL"])
    }

    func testAPISettingsParseAndRefuseBadValuesWithOneLine() throws {
        let configuration = try AppConfiguration.parse(environment: [
            "CORS_ALLOWED_ORIGINS": "https://app.example.com, http://localhost:5173", "PASSWORD_POLICY": "Classic",
            "PUBLIC_BASE_URL": "https://app.example.com/", "GRAPHQL_MAX_BODY_BYTES": "2048",
        ])
        XCTAssertEqual(configuration.corsAllowedOrigins, ["https://app.example.com", "http://localhost:5173"])
        XCTAssertEqual(configuration.passwordPolicy, .classic)
        XCTAssertEqual(configuration.publicBaseURL, "https://app.example.com")
        XCTAssertEqual(configuration.graphQLMaxBodyBytes, 2048)
        XCTAssertEqual(try AppConfiguration.parse(environment: [:]).corsAllowedOrigins, [])
        let bad: [(String, String, String)] = [
            ("CORS_ALLOWED_ORIGINS", "app.example.com", "is not an origin"),
            ("CORS_ALLOWED_ORIGINS", "https://app.example.com/", "is not an origin"),
            ("PASSWORD_POLICY", "strong", "is not length or classic"),
            ("PUBLIC_BASE_URL", "ftp://x", "is not an http(s) URL"),
            ("GRAPHQL_MAX_BODY_BYTES", "10", "is outside 1024-67108864"),
        ]
        for (variable, value, problem) in bad {
            XCTAssertThrowsError(try AppConfiguration.parse(environment: [variable: value]), variable) { error in
                XCTAssertTrue("\(error)".hasPrefix("configuration error: \(variable): "), "\(error)")
                XCTAssertTrue("\(error)".contains(problem), "\(error)")
            }
        }
    }

    func testRedactedURLsHideThePassword() throws {
        let configuration = try AppConfiguration.parse(environment: [:])
        XCTAssertFalse(configuration.database.redactedURL.contains("budgetai:budgetai"))
    }
}
