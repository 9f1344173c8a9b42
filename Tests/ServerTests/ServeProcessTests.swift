import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// Runs the built `budgetai serve` as a process: real HTTP on loopback, JSON logs, and graceful shutdown on SIGTERM.
final class ServeProcessTests: XCTestCase {
    /// The executable sits next to the test bundle in the build folder.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("budgetai")
    }

    func testServesOverHTTPAndStopsCleanlyOnSIGTERM() async throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.executable.path), "budgetai not built at \(Self.executable.path)")
        let port = Int.random(in: 30000..<40000)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve"]
        var environment = ProcessInfo.processInfo.environment
        environment["HTTP_PORT"] = String(port)
        environment["LOG_FORMAT"] = "json"
        environment["DATABASE_URL"] = environment["DATABASE_URL"] ?? "postgres://budgetai:budgetai@127.0.0.1:54329/budgetai_test"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        environment["SCHEMA_PATH"] = root.appendingPathComponent("schema.graphql").path
        environment["MIGRATIONS_DIR"] = root.appendingPathComponent("migrations").path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let base = URL(string: "http://127.0.0.1:\(port)")!
        var ready: (Data, HTTPURLResponse)?
        for _ in 0..<100 {
            var request = URLRequest(url: base.appendingPathComponent("readyz"))
            request.setValue("e2e-request-1", forHTTPHeaderField: "X-Request-Id")
            if let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse {
                ready = (data, http)
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let (body, response) = try XCTUnwrap(ready, "the server did not answer on port \(port)")
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(response.value(forHTTPHeaderField: "X-Request-Id"), "e2e-request-1")
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("\"status\":\"ready\""), String(decoding: body, as: UTF8.self))
        let (metrics, _) = try await URLSession.shared.data(from: base.appendingPathComponent("metrics"))
        XCTAssertTrue(String(decoding: metrics, as: UTF8.self).contains("hb_requests"), "Hummingbird's request metrics are exported")

        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        XCTAssertFalse(process.isRunning, "SIGTERM must stop the server")
        if !process.killIfStillRunning() { XCTAssertEqual(process.terminationStatus, 0) }
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = log.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("\"request_id\":\"e2e-request-1\"") }, log)
        for line in lines where line.hasPrefix("{") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), String(line))
        }
        XCTAssertTrue(lines.contains { $0.contains("\"message\":\"stopped\"") }, log)
    }

    func testBadConfigurationStopsWithOneLine() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let (status, text) = try Self.serveUntilExit(environment: ["LOG_FORMAT": "yaml"])
        XCTAssertEqual(status, 2)
        XCTAssertEqual(text, "configuration error: LOG_FORMAT: \"yaml\" is not text or json\n")
    }

    func testASchemaThatDoesNotFitTheResolversStopsStartUp() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        let schema = FileManager.default.temporaryDirectory.appendingPathComponent("budgetai-schema-\(UUID().uuidString).graphql")
        try Data("type Query { me: String, balance: Int }".utf8).write(to: schema)
        defer { try? FileManager.default.removeItem(at: schema) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (status, text) = try Self.serveUntilExit(environment: [
            "SCHEMA_PATH": schema.path, "MIGRATIONS_DIR": root.appendingPathComponent("migrations").path, "LOG_LEVEL": "error",
        ])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(text.contains("does not fit the resolvers"), text)
        XCTAssertTrue(text.contains("Query.balance"), text)
    }

    /// Runs `budgetai serve` with only `environment`, expecting it to stop by itself; its exit status and standard error.
    static func serveUntilExit(environment: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve"]
        process.environment = environment
        let output = Pipe()
        process.standardError = output
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
