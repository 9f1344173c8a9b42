import Foundation

/// Runs the jobs of one kind. The payload is decoded from the job's JSON; throwing makes the worker retry the job
/// with backoff (or give up at once for a `PermanentJobFailure`), returning marks it succeeded. A job may run more
/// than once (a worker that dies mid-run loses its lease), so handlers are idempotent.
public protocol JobHandler: Sendable {
    associatedtype Payload: Decodable & Sendable
    /// The kind this handler runs, such as `mail.deliver`.
    var kind: String { get }
    /// Does the work of one job.
    func run(_ payload: Payload, context: JobContext) async throws
}

/// The payload of jobs that take no arguments (`{}`).
public struct NoPayload: Codable, Sendable, Equatable {
    /// The empty payload.
    public init() {}
}

/// Thrown by a handler when trying again cannot help (bad input, a deleted record): the job goes dead at once.
public struct PermanentJobFailure: Error, Sendable, CustomStringConvertible {
    public let reason: String

    /// A failure that retries cannot fix, and why.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
