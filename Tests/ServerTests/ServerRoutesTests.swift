import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Persistence
import Prometheus
import Redis
import Synchronization
import XCTest
@testable import Server

/// The operational endpoints against the real PostgreSQL and Redis of scripts/stack.sh, and against closed ports.
final class ServerRoutesTests: XCTestCase {
    static let environment = ProcessInfo.processInfo.environment
    /// Warnings and errors only: the closed-port tests make PostgresNIO log every failed connection attempt.
    static let quietLogger: Logger = {
        var logger = Logger(label: "server-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Port 1 on loopback: nothing listens there, connections are refused at once.
    static let closedPort = 1

    private static func dependencies(
        postgresReachable: Bool = true,
        redisReachable: Bool = true,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = quietLogger
    ) throws -> ApplicationDependencies {
        var environment = Self.environment
        environment["DATABASE_URL"] = environment["DATABASE_URL"] ?? "postgres://budgetai:budgetai@127.0.0.1:54329/budgetai_test"
        environment["READINESS_TIMEOUT_MS"] = "1000"
        var configuration = try AppConfiguration.parse(environment: environment)
        if !postgresReachable { configuration.database.port = closedPort }
        if !redisReachable { configuration.redis.port = closedPort }
        return ApplicationDependencies(
            configuration: configuration,
            database: Database(settings: configuration.database, logger: logger),
            redis: RedisConnection(settings: configuration.redis),
            metrics: metrics,
            logger: logger
        )
    }

    private static func readiness(_ response: TestResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    func testHealthzAnswersWithoutDependencies() async throws {
        let app = buildApplication(try Self.dependencies(postgresReachable: false, redisReachable: false))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(String(buffer: response.body), #"{"status":"ok"}"#)
            }
        }
    }

    func testReadyWhenPostgresAndRedisAnswer() async throws {
        let app = buildApplication(try Self.dependencies())
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let body = try Self.readiness(response)
                XCTAssertEqual(body["status"] as? String, "ready", "\(body)")
                XCTAssertEqual(body["checks"] as? [String: String], ["postgres": "ok", "redis": "ok"])
            }
        }
    }

    func testDegradedWhenRedisIsUnreachable() async throws {
        let app = buildApplication(try Self.dependencies(redisReachable: false))
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let body = try Self.readiness(response)
                XCTAssertEqual(body["status"] as? String, "degraded", "\(body)")
                let checks = try XCTUnwrap(body["checks"] as? [String: String])
                XCTAssertEqual(checks["postgres"], "ok")
                XCTAssertTrue(checks["redis"]?.contains("cannot reach Redis") ?? false, "\(checks)")
            }
        }
    }

    func testNotReadyWhenPostgresIsUnreachable() async throws {
        let app = buildApplication(try Self.dependencies(postgresReachable: false))
        try await app.test(.router) { client in
            let start = ContinuousClock.now
            try await client.execute(uri: "/readyz", method: .get) { response in
                XCTAssertEqual(response.status, .serviceUnavailable)
                let body = try Self.readiness(response)
                XCTAssertEqual(body["status"] as? String, "not_ready", "\(body)")
                let checks = try XCTUnwrap(body["checks"] as? [String: String])
                XCTAssertNotEqual(checks["postgres"], "ok")
                XCTAssertEqual(checks["redis"], "ok")
            }
            XCTAssertLessThan(ContinuousClock.now - start, .seconds(5), "answers within the readiness timeout")
        }
    }

    func testMetricsExposeTheRegistry() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "budgetai", metricName: "test_events", unitName: "total", helpText: "test")).increment(by: Int64(3))
        let app = buildApplication(try Self.dependencies(metrics: registry))
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                XCTAssertTrue(text.contains("# TYPE budgetai_test_events_total counter"), text)
                XCTAssertTrue(text.contains("budgetai_test_events_total 3"), text)
            }
        }
    }

    func testRequestIDIsEchoedGeneratedAndLogged() async throws {
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "server-tests") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        let app = buildApplication(try Self.dependencies(logger: logger))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "trace-me-42"]) { response in
                XCTAssertEqual(response.headers[.requestID], "trace-me-42")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                XCTAssertEqual(response.headers[.requestID]?.count, 36, "a generated UUID")
            }
            let tooLong = String(repeating: "x", count: 200)
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: tooLong]) { response in
                XCTAssertNotEqual(response.headers[.requestID], tooLong)
                XCTAssertEqual(response.headers[.requestID]?.count, 36)
            }
            try await client.execute(uri: "/no-such-path", method: .get, headers: [.requestID: "lost-1"]) { response in
                XCTAssertEqual(response.status, .notFound)
                XCTAssertEqual(response.headers[.requestID], "lost-1", "errors carry the id too")
            }
        }
        let logged = lines.withLock { $0 }
        XCTAssertTrue(logged.contains { $0.contains(#""request_id":"trace-me-42""#) }, logged.joined(separator: "\n"))
    }

    func testAcceptedRequestIDs() {
        XCTAssertEqual(RequestIDMiddleware<BasicRequestContext>.accepted("abc-DEF_123"), "abc-DEF_123")
        XCTAssertNil(RequestIDMiddleware<BasicRequestContext>.accepted(""))
        XCTAssertNil(RequestIDMiddleware<BasicRequestContext>.accepted("has space"))
        XCTAssertNil(RequestIDMiddleware<BasicRequestContext>.accepted("ünïcode"))
    }
}
