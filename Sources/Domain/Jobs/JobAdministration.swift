import Foundation
import Logging
import Persistence

/// What platform admins do with jobs: list them by state (dead ones are the point) and put a dead one back in the
/// queue. The GraphQL guard checks the platform role; this checks it again, and audits every retry.
public struct JobAdministration: Sendable {
    public let queue: JobQueue
    let logger: Logger

    /// Administration of the queue in `database`.
    public init(database: Database, logger: Logger) {
        self.queue = JobQueue(database: database, logger: logger)
        self.logger = logger
    }

    /// Jobs in `state` (all when nil), newest first, `first` (1-100) after the cursor `after`. Needs platform ADMIN.
    public func jobs(actor: User, state: JobState?, first: Int, after: String?) async throws -> Page<Job> {
        guard actor.platformRole.satisfies(.admin) else { throw JobAdminError.forbidden }
        var beforeID: Int64?
        if let after {
            guard let key = Cursor.decode(after), let id = Int64(key) else { throw JobAdminError.badCursor }
            beforeID = id
        }
        let page: JobPage
        do {
            page = try await queue.list(state: state, first: first, beforeID: beforeID)
        } catch JobQueueError.badPageSize {
            throw JobAdminError(code: .badUserInput, message: "first must be between 1 and 100.", field: "first")
        }
        return Page(items: page.jobs.map { (cursor: Cursor.encode(String($0.id)), item: $0) }, hasNextPage: page.hasNextPage, totalCount: page.totalCount)
    }

    /// Queues the dead job `id` again with a fresh set of attempts. Needs platform ADMIN; audited.
    public func retry(actor: User, id: String, origin: ClientOrigin) async throws -> Job {
        guard actor.platformRole.satisfies(.admin) else { throw JobAdminError.forbidden }
        guard let jobID = Int64(id) else { throw JobAdminError.notFound }
        do {
            return try await queue.database.withControlTransaction { connection in
                let job = try await JobQueue.retry(id: jobID, on: connection, logger: logger)
                try await AuditLog.record(
                    AuditEvent("admin.job_retried", actor: actor.id, origin: origin, targetType: "job", targetID: String(jobID),
                               details: ["kind": job.kind]),
                    on: connection, logger: logger)
                return job
            }
        } catch let error as JobQueueError {
            throw JobAdminError(error)
        }
    }
}

/// Why a job administration request was refused.
public struct JobAdminError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    static let forbidden = JobAdminError(code: .forbidden, message: "This needs the platform ADMIN role.", field: nil)
    static let notFound = JobAdminError(code: .notFound, message: "No job with this id.", field: "id")
    static let badCursor = JobAdminError(code: .badUserInput, message: "The cursor is not one this list gave out.", field: "after")

    init(code: ErrorCode, message: String, field: String?) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The API's view of a queue refusal.
    init(_ error: JobQueueError) {
        switch error {
        case .jobNotFound: self = .notFound
        case .notDead(_, let state):
            self.init(code: .conflict, message: "Only dead jobs can be retried; this one is \(state.rawValue).", field: "id")
        case .duplicatePending(_, let key):
            self.init(code: .conflict, message: "Another job with the key \"\(key)\" is already waiting; this one would repeat it.", field: "id")
        case .badCursor: self = .badCursor
        default: self.init(code: .badUserInput, message: error.description, field: nil)
        }
    }
}
