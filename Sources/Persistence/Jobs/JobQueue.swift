import Foundation
import Logging
import PostgresNIO

/// The job queue in `control.jobs`: enqueue, claim with a lease (`FOR UPDATE SKIP LOCKED`), complete, fail with
/// backoff, take back expired leases, and the admins' list and retry. A value over the pool; share it freely.
public struct JobQueue: Sendable {
    public let database: Database
    let logger: Logger

    /// A queue over `database`.
    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// The columns every job query returns, in `Job.init(row:)`'s order.
    static let columns = """
        id, kind, payload::text, state, run_at, attempts, max_attempts, locked_by, locked_until, last_error, unique_key, \
        created_at, finished_at
        """

    /// `columns` with each name prefixed by a table alias (for statements that join).
    static func columns(qualifiedBy alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    }

    /// Enqueues `job` in its own transaction; its id, or nil when a pending job with the same unique key exists.
    @discardableResult
    public func enqueue(_ job: NewJob) async throws -> Int64? {
        let checked = try job.validated()
        return try await database.withControlTransaction { connection in
            try await Self.insert(checked, on: connection, logger: logger)
        }
    }

    /// Enqueues `job` inside the caller's open transaction, so it commits (or not) with the caller's own writes.
    @discardableResult
    public static func enqueue(_ job: NewJob, on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        try await insert(try job.validated(), on: connection, logger: logger)
    }

    static func insert(_ job: NewJob, on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        let rows = try await connection.query(
            """
            INSERT INTO control.jobs (kind, payload, run_at, max_attempts, unique_key)
            VALUES (\(job.kind), \(job.payload)::jsonb, coalesce(\(job.runAt)::timestamptz, now()), \(job.maxAttempts), \(job.uniqueKey))
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running') DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    /// One job by id.
    public func job(id: Int64) async throws -> Job? {
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.columns) FROM control.jobs WHERE id = \(id)", logger: logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var job: Job?
        for try await row in rows { job = try Job(row: row) }
        return job
    }
}

extension Job {
    /// A job from a row of `JobQueue.columns`.
    init(row: PostgresRow) throws {
        let c = PostgresRandomAccessRow(row)
        let stateText = try c[3].decode(String.self)
        self.init(
            id: try c[0].decode(Int64.self), kind: try c[1].decode(String.self), payload: try c[2].decode(String.self),
            state: JobState(rawValue: stateText) ?? .dead, runAt: try c[4].decode(Date.self), attempts: try c[5].decode(Int.self),
            maxAttempts: try c[6].decode(Int.self), lockedBy: try c[7].decode(String?.self), lockedUntil: try c[8].decode(Date?.self),
            lastError: try c[9].decode(String?.self), uniqueKey: try c[10].decode(String?.self), createdAt: try c[11].decode(Date.self),
            finishedAt: try c[12].decode(Date?.self))
    }
}

extension Duration {
    /// Whole milliseconds, for intervals bound as numbers (`$1::float8 * interval '1 millisecond'`).
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
