import Domain
import Foundation
import Persistence
import PostgresNIO
import Synchronization
import Testing
import TestSupport

/// Jobs of a kind no other test (or `budgetai worker`) has a handler for, so tests sharing the database never claim
/// each other's jobs.
func uniqueJobKind(_ prefix: String) -> String {
    "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())"
}

/// Counts the runs of each job, and which worker ran it.
final class RunLog: Sendable {
    private let runs = Mutex<[Int64: [String]]>([:])

    func record(_ context: JobContext) {
        runs.withLock { $0[context.jobID, default: []].append(context.worker) }
    }

    var byJob: [Int64: [String]] { runs.withLock { $0 } }
}

/// A handler that records each run, then waits `pause` (to overlap with the other worker), or fails when told.
struct RecordingHandler: JobHandler {
    struct Payload: Codable, Sendable {
        var index: Int
    }

    let kind: String
    let log: RunLog
    var pause: Duration = .milliseconds(2)

    func run(_ payload: Payload, context: JobContext) async throws {
        log.record(context)
        try await Task.sleep(for: pause)
    }
}

/// A handler whose every run fails with the same message.
struct FailingHandler: JobHandler {
    typealias Payload = NoPayload
    struct Boom: Error, CustomStringConvertible {
        var description: String { "the ledger service said no" }
    }

    let kind: String
    let log: RunLog

    func run(_ payload: NoPayload, context: JobContext) async throws {
        log.record(context)
        throw Boom()
    }
}

enum JobSQL {
    /// The database's clock.
    // Every pooled query reads its rows to the end: only then does its connection go back to the pool.

    static func now(_ database: Database) async throws -> Date {
        var now: Date?
        for try await value in try await database.client.query("SELECT now()", logger: TestStack.logger).decode(Date.self) { now = value }
        guard let now else { throw CancellationError() }
        return now
    }

    static func count(_ database: Database, _ query: PostgresQuery) async throws -> Int {
        var count = 0
        for try await value in try await database.client.query(query, logger: TestStack.logger).decode(Int64.self) { count = Int(value) }
        return count
    }

    static func run(_ database: Database, _ query: PostgresQuery) async throws {
        for try await _ in try await database.client.query(query, logger: TestStack.logger) {}
    }
}

extension JobSQL {
    static func strings(_ database: Database, _ query: PostgresQuery) async throws -> [String] {
        var values: [String] = []
        for try await value in try await database.client.query(query, logger: TestStack.logger).decode(String.self) { values.append(value) }
        return values
    }
}
