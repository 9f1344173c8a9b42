import Foundation
import Logging
import PostgresNIO

extension JobQueue {
    /// Creates the rows of new schedules (first run now) and updates the interval of known ones, bringing a next run
    /// that a shorter interval makes too late forward.
    public func register(_ schedules: [JobSchedule]) async throws {
        guard !schedules.isEmpty else { return }
        try await database.withControlTransaction { connection in
            for schedule in schedules {
                try await connection.query(
                    """
                    INSERT INTO control.job_schedules (name, run_interval, next_run_at)
                    VALUES (\(schedule.name), \(schedule.interval.milliseconds)::float8 * interval '1 millisecond', now())
                    ON CONFLICT (name) DO UPDATE SET run_interval = EXCLUDED.run_interval,
                        next_run_at = least(control.job_schedules.next_run_at, now() + EXCLUDED.run_interval)
                    """, logger: logger)
            }
        }
    }

    /// Enqueues the job of every due schedule among `schedules`, once however many processes call this at the same
    /// time: the due rows are locked with `FOR UPDATE SKIP LOCKED`, and each job is enqueued and its schedule's
    /// next run moved past now (on the interval's grid, skipping runs missed while nothing ran) in one transaction.
    public func enqueueDueSchedules(_ schedules: [JobSchedule]) async throws -> [ScheduledRun] {
        guard !schedules.isEmpty else { return [] }
        let byName = Dictionary(schedules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return try await database.withControlTransaction { connection in
            var due: [String] = []
            for try await name in try await connection.query(
                """
                SELECT name FROM control.job_schedules
                WHERE name = ANY(\(Array(byName.keys))) AND next_run_at <= now()
                ORDER BY next_run_at, name
                FOR UPDATE SKIP LOCKED
                """, logger: logger
            ).decode(String.self) { due.append(name) }
            var runs: [ScheduledRun] = []
            for name in due {
                guard let schedule = byName[name] else { continue }
                let jobID = try await Self.insert(schedule.job, on: connection, logger: logger)
                try await connection.query(
                    """
                    UPDATE control.job_schedules SET
                        last_run_at = now(), last_job_id = coalesce(\(jobID)::int8, last_job_id),
                        next_run_at = next_run_at + run_interval
                            * (floor(extract(epoch FROM now() - next_run_at) / extract(epoch FROM run_interval))::float8 + 1)
                    WHERE name = \(name)
                    """, logger: logger)
                runs.append(ScheduledRun(schedule: name, jobID: jobID))
            }
            return runs
        }
    }

    /// The shared clock of one schedule.
    public func scheduleState(named name: String) async throws -> JobScheduleState? {
        let rows = try await database.client.query(
            "SELECT name, next_run_at, last_run_at, last_job_id FROM control.job_schedules WHERE name = \(name)", logger: logger)
        for try await (name, next, last, job) in rows.decode((String, Date, Date?, Int64?).self) {
            return JobScheduleState(name: name, nextRunAt: next, lastRunAt: last, lastJobID: job)
        }
        return nil
    }
}
