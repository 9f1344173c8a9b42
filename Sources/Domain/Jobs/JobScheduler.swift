import Foundation
import Logging
import Persistence
import ServiceLifecycle

/// Enqueues periodic jobs. Every process may run one: each tick locks the due rows of `control.job_schedules` with
/// SKIP LOCKED and moves them forward in the same transaction, so a due job is enqueued once across all of them.
/// Its `run` never throws; database trouble is logged and retried with backoff.
public struct JobScheduler: Service {
    public let queue: JobQueue
    public let schedules: [JobSchedule]
    /// How often it looks for due schedules.
    public let tickInterval: Duration
    let logger: Logger

    /// A scheduler for `schedules`, looking every `tickInterval`.
    public init(queue: JobQueue, schedules: [JobSchedule], tickInterval: Duration = .seconds(5), logger: Logger) {
        self.queue = queue
        self.schedules = schedules
        self.tickInterval = tickInterval
        self.logger = logger
    }

    /// Creates or updates the schedules' rows.
    public func register() async throws {
        try await queue.register(schedules)
    }

    /// One look: enqueues the job of every due schedule (that no other scheduler took first).
    @discardableResult
    public func tick() async throws -> [ScheduledRun] {
        try await queue.enqueueDueSchedules(schedules)
    }

    /// Registers the schedules, then ticks until graceful shutdown or cancellation.
    public func run() async {
        guard !schedules.isEmpty else { return }
        logger.info("job scheduler started", metadata: ["schedules": "\(schedules.map(\.name).joined(separator: ","))"])
        var registered = false
        var failures = 0
        // The first tick waits one interval, so a pool starting beside the scheduler runs before it is used.
        while await pause(tickInterval) {
            do {
                if !registered {
                    try await register()
                    registered = true
                }
                for run in try await tick() {
                    logger.info("enqueued periodic job", metadata: [
                        "schedule": "\(run.schedule)", "job_id": "\(run.jobID.map(String.init) ?? "none: the previous run is still pending")",
                    ])
                }
                failures = 0
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                failures += 1
                logger.warning("job scheduler tick failed", metadata: ["error": "\(describeDatabaseError(error))", "consecutive_failures": "\(failures)"])
            }
            if failures > 0 {
                // Beyond the regular interval: back off while the database is in trouble.
                let extra = min(.seconds(60), tickInterval * (1 << min(failures, 4))) - tickInterval
                guard await pause(extra) else { break }
            }
        }
        logger.info("job scheduler stopped")
    }

    /// Sleeps for `duration`; false when a graceful shutdown or cancellation ended the sleep (time to stop).
    private func pause(_ duration: Duration) async -> Bool {
        do {
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
            return !Task.isShuttingDownGracefully
        } catch {
            return false
        }
    }
}
