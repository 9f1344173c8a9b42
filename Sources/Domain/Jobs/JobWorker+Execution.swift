import Foundation
import Logging
import Persistence
import PostgresNIO

extension JobWorker {
    /// Runs one claimed job and records what happened. Database errors while recording are logged: the lease then
    /// brings the job back, so it runs again rather than being lost.
    func execute(_ job: Job) async {
        let context = JobContext(
            jobID: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts, worker: settings.name, logger: logger)
        do {
            try await registry.run(job, context: context)
        } catch {
            if Task.isCancelled {
                context.logger.notice("job interrupted by shutdown; it runs again when its lease runs out")
                return
            }
            await recordFailure(of: job, error: error, context: context)
            return
        }
        do {
            if try await queue.complete(job, worker: settings.name) {
                JobMetrics.succeeded(kind: job.kind)
                context.logger.debug("job succeeded")
            } else {
                context.logger.warning("job finished after its lease ran out; another worker may run it again")
            }
        } catch {
            context.logger.error("recording a finished job failed", metadata: ["error": "\(describeDatabaseError(error))"])
        }
    }

    private func recordFailure(of job: Job, error: any Error, context: JobContext) async {
        let permanent = error is PermanentJobFailure
        let message = Self.describe(error)
        do {
            let outcome = try await queue.fail(
                job, worker: settings.name, error: message, retryAfter: settings.retryPolicy.delay(afterAttempt: job.attempts),
                permanent: permanent)
            JobMetrics.failed(kind: job.kind)
            switch outcome {
            case .retry(let at):
                context.logger.warning("job failed; will retry", metadata: [
                    "error": "\(message)", "attempt": "\(job.attempts)", "retry_at": "\(at)",
                ])
            case .dead:
                JobMetrics.dead(kind: job.kind)
                context.logger.error("job failed for good; it is dead", metadata: ["error": "\(message)", "attempts": "\(job.attempts)"])
            case nil:
                context.logger.warning("job failed after its lease ran out", metadata: ["error": "\(message)"])
            }
        } catch let recordError {
            context.logger.error("recording a failed job failed", metadata: [
                "error": "\(message)", "record_error": "\(describeDatabaseError(recordError))",
            ])
        }
    }

    /// The text kept in `last_error`: a typed error's message, PostgreSQL's own message, or the error's description.
    static func describe(_ error: any Error) -> String {
        if let failure = error as? PermanentJobFailure { return failure.reason }
        if let domain = error as? any DomainError { return domain.message }
        if error is PSQLError { return describeDatabaseError(error) }
        return String(describing: error)
    }
}
