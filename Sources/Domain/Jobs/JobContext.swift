import Foundation
import Logging
import ServiceLifecycle

/// What a handler knows about the job it runs.
public struct JobContext: Sendable {
    public let jobID: Int64
    public let kind: String
    /// This run's number, 1 for the first.
    public let attempt: Int
    public let maxAttempts: Int
    /// The worker running it.
    public let worker: String
    /// A logger carrying the job's id and kind.
    public let logger: Logger

    /// A context for one run.
    public init(jobID: Int64, kind: String, attempt: Int, maxAttempts: Int, worker: String, logger: Logger) {
        self.jobID = jobID
        self.kind = kind
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.worker = worker
        var logger = logger
        logger[metadataKey: "job_id"] = "\(jobID)"
        logger[metadataKey: "job_kind"] = "\(kind)"
        self.logger = logger
    }

    /// Whether the process is stopping: long handlers check it between units of work and return early, leaving the
    /// rest to the next run (which they must then be able to finish).
    public var shouldStop: Bool {
        Task.isCancelled || Task.isShuttingDownGracefully
    }
}
