import API
import Domain
import Foundation
import GraphQLEngine
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Persistence
import PostgresNIO
import Prometheus
import Redis
import Server
import TestSupport

/// Runs the real application (operational routes and /graphql) on a loopback port over the shared test database, and
/// talks to it over HTTP.
enum APIHarness {
    /// The one signing key of the test servers, so tests can reason about tokens.
    static let signingKeys = "test-1:" + Data(repeating: 7, count: 32).base64EncodedString()
    static let allowedOrigin = "https://app.example.com"

    static func configuration(_ overrides: [String: String] = [:]) throws -> AppConfiguration {
        var environment = [
            "DATABASE_URL": TestStack.databaseURL,
            "REDIS_URL": TestStack.redisURL,
            "SCHEMA_PATH": TestStack.repositoryRoot.appendingPathComponent("schema.graphql").path,
            "JWT_SIGNING_KEYS": signingKeys,
            "CORS_ALLOWED_ORIGINS": allowedOrigin,
            "GRAPHQL_MAX_BODY_BYTES": "65536",
            "PUBLIC_BASE_URL": "https://app.example.com",
            // Generous budgets, so suites that send many requests as one user are not throttled; the rate-limit
            // tests set their own.
            "RATE_LIMIT_USER": "10000000/1000000",
            "RATE_LIMIT_ANONYMOUS": "10000000/1000000",
            "RATE_LIMIT_PLANS": "FREE=10000000/1000000",
        ]
        for (key, value) in overrides { environment[key] = value }
        return try AppConfiguration.parse(environment: environment)
    }

    /// This test process's own namespace in the shared Redis.
    static let runID = UUID().uuidString.prefix(8).lowercased()

    /// Starts a server, runs `body` with a client, stops the server.
    static func withServer(
        _ overrides: [String: String] = [:], _ body: @escaping @Sendable (GraphQLClient) async throws -> Void
    ) async throws {
        _ = try await TestStack.database()  // migrated once
        let configuration = try configuration(overrides)
        let logger = TestStack.logger
        let database = Database(settings: configuration.database, logger: logger)
        let redis = RedisConnection(settings: configuration.redis)
        let endpoint = try GraphQLEndpoint.make(
            configuration: configuration, database: database, redis: redis,
            // Cheap password hashes: the suites sign hundreds of users up at once on two cores, and the standard cost
            // (some 70 ms a hash) queued requests past the test client's 20-second timeout. PasswordHasherTests
            // measures the real parameters.
            tenantMigrations: try TestStack.migrations().tenant, argon2: Argon2Parameters(timeCost: 1, memoryKiB: 1024, parallelism: 1),
            // Every request comes from 127.0.0.1, and Redis outlives a run: with the standard prefix, the failed logins
            // that some tests make on purpose added up over runs until a second run within 15 minutes was refused.
            loginThrottle: LoginThrottleSettings(keyPrefix: "budgetai:test:\(runID):login"),
            logger: logger)
        let app = buildApplication(ApplicationDependencies(
            configuration: configuration, database: database, redis: redis, metrics: PrometheusCollectorRegistry(),
            logger: logger, graphQL: endpoint))
        try await app.test(.live) { client in
            try await body(GraphQLClient(client: client, services: endpoint.services))
        }
    }
}

/// A GraphQL-over-HTTP client for tests.
struct GraphQLClient: Sendable {
    let client: any TestClientProtocol
    /// The server's services, for fixtures that are not what a test is about.
    let services: APIServices

    /// POSTs a GraphQL request as JSON.
    func post(
        _ query: String, variables: GraphQLObject = [:], token: String? = nil,
        accept: String? = "application/graphql-response+json", operationName: String? = nil
    ) async throws -> HTTPResult {
        var pairs: [(String, GraphQLValue)] = [("query", .string(query))]
        if !variables.isEmpty { pairs.append(("variables", .object(variables))) }
        if let operationName { pairs.append(("operationName", .string(operationName))) }
        return try await raw(method: .post, body: JSON.serialize(.object(GraphQLObject(pairs))), token: token, accept: accept)
    }

    /// Sends any request to /graphql.
    func raw(
        method: HTTPRequest.Method, uri: String = "/graphql", body: String? = nil, token: String? = nil,
        accept: String? = "application/graphql-response+json", contentType: String? = "application/json",
        headers extra: HTTPFields = [:]
    ) async throws -> HTTPResult {
        var headers = extra
        if let accept { headers[.accept] = accept }
        if body != nil, let contentType { headers[.contentType] = contentType }
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return HTTPResult(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
}

/// An HTTP response with its body parsed as JSON when it is JSON.
struct HTTPResult: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var json: GraphQLValue { (try? JSON.parse(body)) ?? .null }
    var data: GraphQLValue { json["data"] ?? .null }
    var errors: [GraphQLValue] {
        if case .list(let items)? = json["errors"] { return items }
        return []
    }
    /// The `extensions.code` of every error, in order.
    var codes: [String] { errors.compactMap { $0["extensions"]?["code"]?.stringValue } }

    /// The value at a path of keys through `data`.
    func data(_ keys: String...) -> GraphQLValue {
        var value = data
        for key in keys { value = value[key] ?? .null }
        return value
    }
}

extension GraphQLValue {
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var listValue: [GraphQLValue] {
        if case .list(let items) = self { return items }
        return []
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}
