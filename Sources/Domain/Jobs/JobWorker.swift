import Foundation
import Logging
import Persistence
import ServiceLifecycle

/// Runs queued jobs: claims what is due for its handlers (at most `concurrency` at a time), runs each in a child task,
/// records the outcome, renews the leases of running jobs and takes back expired ones. Polls with a short sleep when
/// idle. On graceful shutdown it stops claiming and lets running jobs finish; on cancellation running jobs are
/// cancelled and their leases bring them back later. Its `run` never throws: database trouble is logged and retried
/// with backoff, so a worker inside `serve` cannot take the server down.
public struct JobWorker: Service {
    public let queue: JobQueue
    public let registry: JobRegistry
    public let settings: JobWorkerSettings
    let logger: Logger

    /// A worker running `registry`'s handlers on `queue`.
    public init(queue: JobQueue, registry: JobRegistry, settings: JobWorkerSettings = JobWorkerSettings(), logger: Logger) {
        self.queue = queue
        self.registry = registry
        self.settings = settings
        var logger = logger
        logger[metadataKey: "worker"] = "\(settings.name)"
        self.logger = logger
    }

    /// What wakes the polling loop.
    enum Event: Sendable {
        case finished(Int64)
        case tick
        case stop
    }

    /// Claims what is due for this worker's handlers now (up to `concurrency` jobs) and runs it, without the polling
    /// loop: for tests and one-off runs. How many jobs ran.
    @discardableResult
    public func runDue() async throws -> Int {
        let jobs = try await queue.claim(kinds: registry.kinds, limit: settings.concurrency, worker: settings.name, lease: settings.lease)
        await withTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask { await execute(job) } }
        }
        return jobs.count
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async {
        let kinds = registry.kinds
        guard !kinds.isEmpty else {
            logger.notice("job worker has no handlers; idle until shutdown")
            try? await gracefulShutdown()
            return
        }
        logger.info("job worker started", metadata: ["kinds": "\(kinds.joined(separator: ","))", "concurrency": "\(settings.concurrency)"])
        let (stopSignal, stop) = AsyncStream<Void>.makeStream()
        await withGracefulShutdownHandler {
            await poll(kinds: kinds, until: stopSignal)
        } onGracefulShutdown: {
            stop.finish()
        }
        logger.info("job worker stopped")
    }

    /// The loop: claim into free slots, then sleep until a job finishes, the idle interval passes, or a stop.
    private func poll(kinds: [String], until stopSignal: AsyncStream<Void>) async {
        await withTaskGroup(of: Event.self) { group in
            // Ends on graceful shutdown (the stream finishes) and on cancellation (the iteration ends).
            group.addTask {
                for await _ in stopSignal {}
                return .stop
            }
            var running: Set<Int64> = []
            var stopping = false
            // The first claim waits one idle interval, so a pool starting beside the worker (in the same service
            // group) runs before it is asked for a connection.
            group.addTask {
                try? await Task.sleep(for: settings.idleInterval)
                return .tick
            }
            var timerPending = true
            var started = false
            var failures = 0
            var lastMaintenance: ContinuousClock.Instant?
            while !(stopping && running.isEmpty) {
                if !stopping && started {
                    if lastMaintenance.map({ ContinuousClock.now - $0 >= settings.maintenanceInterval }) ?? true {
                        await maintain(running: running)
                        lastMaintenance = .now
                    }
                    let free = settings.concurrency - running.count
                    if free > 0 {
                        do {
                            let jobs = try await queue.claim(kinds: kinds, limit: free, worker: settings.name, lease: settings.lease)
                            failures = 0
                            for job in jobs {
                                running.insert(job.id)
                                group.addTask {
                                    await execute(job)
                                    return .finished(job.id)
                                }
                            }
                        } catch where Task.isCancelled {
                            // Stopping: the stop event ends the loop.
                        } catch {
                            failures += 1
                            logger.warning("claiming jobs failed", metadata: [
                                "error": "\(describeDatabaseError(error))", "consecutive_failures": "\(failures)",
                            ])
                        }
                    }
                    if !timerPending {
                        let pause = failures == 0 ? settings.idleInterval : min(.seconds(30), settings.idleInterval * (1 << min(failures, 5)))
                        group.addTask {
                            try? await Task.sleep(for: pause)
                            return .tick
                        }
                        timerPending = true
                    }
                }
                guard let event = await group.next() else { break }
                switch event {
                case .finished(let id): running.remove(id)
                case .tick:
                    timerPending = false
                    started = true
                case .stop:
                    if !running.isEmpty { logger.info("job worker stopping; waiting for running jobs", metadata: ["running": "\(running.count)"]) }
                    stopping = true
                }
            }
            group.cancelAll()
        }
    }

    /// Renews the leases of the jobs this worker runs and takes back jobs whose worker let its lease run out.
    private func maintain(running: Set<Int64>) async {
        do {
            try await queue.extendLeases(ids: Array(running), worker: settings.name, lease: settings.lease)
            for job in try await queue.reclaimExpiredLeases() {
                logger.warning("took back a job whose lease ran out", metadata: [
                    "job_id": "\(job.id)", "job_kind": "\(job.kind)", "state": "\(job.state.rawValue)", "error": "\(job.lastError ?? "")",
                ])
                if job.state == .dead { JobMetrics.dead(kind: job.kind) }
            }
        } catch {
            logger.warning("job lease maintenance failed", metadata: ["error": "\(describeDatabaseError(error))"])
        }
    }
}
