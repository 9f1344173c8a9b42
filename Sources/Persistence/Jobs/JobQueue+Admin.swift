import Foundation
import Logging
import PostgresNIO

/// One page of jobs, newest first.
public struct JobPage: Sendable {
    public let jobs: [Job]
    public let hasNextPage: Bool
    public let totalCount: Int
}

extension JobQueue {
    /// Jobs in `state` (every state when nil), newest first: `first` (1-100) with ids below `beforeID`.
    public func list(state: JobState?, first: Int, beforeID: Int64?) async throws -> JobPage {
        guard (1...100).contains(first) else { throw JobQueueError.badPageSize(first) }
        let stateText = state?.rawValue
        var total = 0
        for try await count in try await database.client.query(
            "SELECT count(*)::int8 FROM control.jobs WHERE \(stateText)::text IS NULL OR state = \(stateText)", logger: logger
        ).decode(Int64.self) { total = Int(count) }
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM control.jobs
            WHERE (\(stateText)::text IS NULL OR state = \(stateText)) AND (\(beforeID)::int8 IS NULL OR id < \(beforeID))
            ORDER BY id DESC LIMIT \(first + 1)
            """, logger: logger)
        var jobs: [Job] = []
        for try await row in rows { jobs.append(try Job(row: row)) }
        return JobPage(jobs: Array(jobs.prefix(first)), hasNextPage: jobs.count > first, totalCount: total)
    }

    /// Puts a dead job back in the queue to run now with a fresh set of attempts (its last error stays until it runs),
    /// inside the caller's transaction. Throws `JobQueueError` for an unknown job, one that is not dead, or one whose
    /// unique key another pending job holds.
    public static func retry(id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Job {
        var current: (state: String, key: String?)?
        for try await row in try await connection.query(
            "SELECT state, unique_key FROM control.jobs WHERE id = \(id) FOR UPDATE", logger: logger
        ).decode((String, String?).self) { current = row }
        guard let current else { throw JobQueueError.jobNotFound(id) }
        guard current.state == JobState.dead.rawValue else { throw JobQueueError.notDead(id, JobState(rawValue: current.state) ?? .dead) }
        if let key = current.key {
            for try await _ in try await connection.query(
                "SELECT 1 FROM control.jobs WHERE unique_key = \(key) AND state IN ('queued', 'running') LIMIT 1", logger: logger
            ) { throw JobQueueError.duplicatePending(id, uniqueKey: key) }
        }
        do {
            let rows = try await connection.query(
                """
                UPDATE control.jobs SET state = 'queued', run_at = now(), attempts = 0, finished_at = NULL
                WHERE id = \(id) RETURNING \(unescaped: columns)
                """, logger: logger)
            for try await row in rows { return try Job(row: row) }
        } catch where databaseErrorCode(error) == "23505" {
            throw JobQueueError.duplicatePending(id, uniqueKey: current.key ?? "")
        }
        throw JobQueueError.jobNotFound(id)
    }

    /// Deletes succeeded jobs finished before `succeededBefore` and dead ones finished before `deadBefore`; how many.
    @discardableResult
    public func purgeFinished(succeededBefore: Date, deadBefore: Date) async throws -> Int {
        let rows = try await database.client.query(
            """
            DELETE FROM control.jobs
            WHERE (state = 'succeeded' AND finished_at < \(succeededBefore)) OR (state = 'dead' AND finished_at < \(deadBefore))
            RETURNING id
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
