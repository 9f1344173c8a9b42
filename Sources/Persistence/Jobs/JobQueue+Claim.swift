import Foundation
import Logging
import PostgresNIO

/// What became of a failed job.
public enum JobFailureOutcome: Sendable, Equatable {
    /// Queued again, to run at this instant.
    case retry(at: Date)
    /// No attempts left, or the failure cannot be retried: kept as dead for the admins.
    case dead
}

extension JobQueue {
    /// Claims up to `limit` due jobs of `kinds` for `worker`, holding each for `lease`: one statement, and
    /// `FOR UPDATE SKIP LOCKED` lets concurrent workers pass over each other's rows instead of waiting, so no job is
    /// handed to two workers. Each claim counts as an attempt.
    public func claim(kinds: [String], limit: Int, worker: String, lease: Duration) async throws -> [Job] {
        guard limit > 0, !kinds.isEmpty else { return [] }
        let rows = try await database.client.query(
            """
            WITH picked AS (
                SELECT id FROM control.jobs
                WHERE state = 'queued' AND run_at <= now() AND kind = ANY(\(kinds))
                ORDER BY run_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE control.jobs j
            SET state = 'running', attempts = j.attempts + 1, locked_by = \(worker),
                locked_until = now() + \(lease.milliseconds)::float8 * interval '1 millisecond'
            FROM picked WHERE j.id = picked.id
            RETURNING \(unescaped: Self.columns(qualifiedBy: "j"))
            """, logger: logger)
        var jobs: [Job] = []
        for try await row in rows { jobs.append(try Job(row: row)) }
        return jobs.sorted { ($0.runAt, $0.id) < ($1.runAt, $1.id) }
    }

    /// Marks a claimed job succeeded; false when `worker` no longer holds it (its lease ran out and another took it).
    @discardableResult
    public func complete(_ job: Job, worker: String) async throws -> Bool {
        let rows = try await database.client.query(
            """
            UPDATE control.jobs SET state = 'succeeded', finished_at = now(), locked_by = NULL, locked_until = NULL
            WHERE id = \(job.id) AND state = 'running' AND locked_by = \(worker) AND attempts = \(job.attempts)
            RETURNING id
            """, logger: logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var updated = false
        for try await _ in rows { updated = true }
        return updated
    }

    /// Records a claimed job's failure: queued again after `retryAfter`, or dead when it was its last attempt or
    /// `permanent`. nil when `worker` no longer holds the job.
    @discardableResult
    public func fail(_ job: Job, worker: String, error: String, retryAfter: Duration, permanent: Bool = false) async throws -> JobFailureOutcome? {
        let message = String(error.prefix(2000))
        let rows = try await database.client.query(
            """
            UPDATE control.jobs SET
                state = CASE WHEN \(permanent) OR attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                finished_at = CASE WHEN \(permanent) OR attempts >= max_attempts THEN now() END,
                run_at = CASE WHEN \(permanent) OR attempts >= max_attempts THEN run_at
                              ELSE now() + \(retryAfter.milliseconds)::float8 * interval '1 millisecond' END,
                locked_by = NULL, locked_until = NULL, last_error = \(message)
            WHERE id = \(job.id) AND state = 'running' AND locked_by = \(worker) AND attempts = \(job.attempts)
            RETURNING state, run_at
            """, logger: logger)
        for try await (state, runAt) in rows.decode((String, Date).self) {
            return state == JobState.dead.rawValue ? .dead : .retry(at: runAt)
        }
        return nil
    }

    /// Extends the leases `worker` holds on `ids` (a heartbeat for long jobs); how many it still held.
    @discardableResult
    public func extendLeases(ids: [Int64], worker: String, lease: Duration) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let rows = try await database.client.query(
            """
            UPDATE control.jobs SET locked_until = now() + \(lease.milliseconds)::float8 * interval '1 millisecond'
            WHERE id = ANY(\(ids)) AND state = 'running' AND locked_by = \(worker)
            RETURNING id
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    /// Takes back running jobs whose lease ran out (their worker crashed, was killed, or hung): queued to run now, or
    /// dead when that claim was their last attempt. Returns the jobs as they are now.
    @discardableResult
    public func reclaimExpiredLeases() async throws -> [Job] {
        let rows = try await database.client.query(
            """
            UPDATE control.jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                run_at = now(),
                last_error = left('the lease of ' || locked_by || ' ran out at ' || locked_until::text
                                  || ' (the worker stopped or hung)', 2000),
                locked_by = NULL, locked_until = NULL
            WHERE state = 'running' AND locked_until < now()
            RETURNING \(unescaped: Self.columns)
            """, logger: logger)
        var jobs: [Job] = []
        for try await row in rows { jobs.append(try Job(row: row)) }
        return jobs
    }
}
