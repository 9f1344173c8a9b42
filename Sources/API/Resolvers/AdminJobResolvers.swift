import Domain
import Foundation
import GraphQLEngine
import Persistence

extension ExecutableSchema.Builder {
    /// Admin.jobs, Job, its connection, and Mutation.retryJob.
    mutating func bindAdminJobs() {
        fieldAsync("Admin", "jobs", of: AdminNode.self) { _, input, request in
            let arguments = input.arguments
            // Coercion already checked the enum name; JobState's raw values are its lower-case form.
            let state = arguments.string("state").flatMap { JobState(rawValue: $0.lowercased()) }
            return .object(try await request.services.jobAdministration.jobs(
                actor: try await request.requireUser(), state: state, first: arguments.int("first") ?? 20, after: arguments.string("after")))
        }
        bindConnection("JobConnection", "JobEdge", of: Job.self)

        sourceBacked("Job")
        field("Job", "id", of: Job.self) { .string(String($0.id)) }
        field("Job", "kind", of: Job.self) { .string($0.kind) }
        field("Job", "payload", of: Job.self) { .string($0.payload) }
        field("Job", "state", of: Job.self) { .string($0.state.rawValue.uppercased()) }
        field("Job", "attempts", of: Job.self) { .int($0.attempts) }
        field("Job", "maxAttempts", of: Job.self) { .int($0.maxAttempts) }
        field("Job", "lastError", of: Job.self) { .string($0.lastError) }
        field("Job", "runAt", of: Job.self) { .date($0.runAt) }
        field("Job", "createdAt", of: Job.self) { .date($0.createdAt) }
        field("Job", "finishedAt", of: Job.self) { .date($0.finishedAt) }
        field("Job", "lockedBy", of: Job.self) { .string($0.lockedBy) }

        root("Mutation", "retryJob") { arguments, request in
            .object(try await request.services.jobAdministration.retry(
                actor: try await request.requireUser(), id: arguments.string("id") ?? "", origin: request.origin))
        }
    }
}

extension APIServices {
    /// Job listing and retries for platform admins (a value over the shared pool; nothing to keep).
    var jobAdministration: JobAdministration {
        JobAdministration(database: database, logger: logger)
    }
}

extension JobAdminError: GraphQLErrorConvertible {
    public var graphQLError: GraphQLError { GraphQLError(domain: self) }
}
