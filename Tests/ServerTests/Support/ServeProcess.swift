import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GraphQLEngine
import TestSupport

/// The built `budgetai serve` as a process of its own on a random loopback port, over the shared test database and
/// Redis, signing tokens with the API tests' key so that several processes accept each other's tokens.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: owned by one test, used one call at a time.
    let port: Int
    private let process = Process()
    private let output = Pipe()

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("budgetai")
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// Starts `budgetai serve` with `environment` on top of the test defaults and waits until /readyz answers.
    init(environment extra: [String: String] = [:]) async throws {
        port = Int.random(in: 20000..<30000)
        process.executableURL = Self.executable
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment
        environment["HTTP_PORT"] = String(port)
        environment["DATABASE_URL"] = TestStack.databaseURL
        environment["REDIS_URL"] = TestStack.redisURL
        environment["JWT_SIGNING_KEYS"] = APIHarness.signingKeys
        environment["SCHEMA_PATH"] = TestStack.repositoryRoot.appendingPathComponent("schema.graphql").path
        environment["MIGRATIONS_DIR"] = TestStack.repositoryRoot.appendingPathComponent("migrations").path
        environment["WORKER_ENABLED"] = "false"
        environment["LOG_LEVEL"] = "warning"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for _ in 0..<200 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!),
               (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw ServeProcessError.didNotStart(port)
    }

    /// POSTs a GraphQL request and returns the parsed response.
    func post(_ query: String, variables: GraphQLObject = [:], token: String? = nil) async throws -> GraphQLValue {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/graphql")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/graphql-response+json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(JSON.serialize(.object(["query": .string(query), "variables": .object(variables)])).utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSON.parse(String(decoding: data, as: UTF8.self))
    }

    /// Stops the process with SIGTERM and waits for it to exit, without blocking a thread of the concurrency pool.
    func stop() async throws {
        if process.isRunning { process.terminate() }
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
    }

    deinit { if process.isRunning { process.terminate() } }
}

enum ServeProcessError: Error {
    case didNotStart(Int)
}
