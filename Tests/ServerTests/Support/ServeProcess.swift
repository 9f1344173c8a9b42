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
    /// Where the process logs: a file, not a pipe nobody reads (a full pipe would block the server).
    private let logFile: URL

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("budgetai")
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// Starts `budgetai serve` with `environment` on top of the test defaults and waits until /readyz answers.
    init(environment extra: [String: String] = [:]) async throws {
        port = Int.random(in: 20000..<30000)
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("budgetai-serve-\(port)-\(UUID().uuidString).log")
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
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()  // the child holds its own copy
        for _ in 0..<200 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!),
               (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw ServeProcessError.didNotStart(port, log: (try? String(contentsOf: logFile, encoding: .utf8)) ?? "")
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

    /// Stops the process with SIGTERM and waits for it to exit, without blocking a thread of the concurrency pool;
    /// throws (after ending it with SIGKILL) when SIGTERM did not stop it within 15 seconds.
    func stop() async throws {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(15)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.killIfStillRunning() { throw ServeProcessError.didNotStop(port) }
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: logFile)
    }
}

enum ServeProcessError: Error {
    case didNotStart(Int, log: String)
    case didNotStop(Int)
}
