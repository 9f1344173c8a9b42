import Foundation

/// Periodic work: every `interval`, enqueue `job`. The name keys the shared row in `control.job_schedules`; the job's
/// unique key defaults to `schedule:<name>`, so a run that is still queued or running is not doubled by the next one.
public struct JobSchedule: Sendable, Equatable {
    public let name: String
    public let interval: Duration
    public let job: NewJob

    /// A schedule; `name` follows the rules of job kinds, `interval` is at least a second.
    public init(name: String, every interval: Duration, job: NewJob) throws(JobQueueError) {
        guard JobKind.isValid(name) else { throw .badKind(name) }
        guard interval >= .seconds(1) else { throw .badPayload("the interval of \(name) must be at least one second") }
        var job = job
        if job.uniqueKey == nil { job.uniqueKey = "schedule:\(name)" }
        self.name = name
        self.interval = interval
        self.job = try job.validated()
    }
}

/// One enqueueing by the scheduler: the schedule, and the new job's id (nil when its previous run was still pending).
public struct ScheduledRun: Sendable, Equatable {
    public let schedule: String
    public let jobID: Int64?

    /// A run of `schedule` that enqueued `jobID`.
    public init(schedule: String, jobID: Int64?) {
        self.schedule = schedule
        self.jobID = jobID
    }
}

/// The shared clock of a schedule as the table holds it.
public struct JobScheduleState: Sendable, Equatable {
    public let name: String
    public let nextRunAt: Date
    public let lastRunAt: Date?
    public let lastJobID: Int64?
}
