import Foundation

/// A row of `control.jobs`.
public struct Job: Sendable, Equatable, Identifiable {
    public let id: Int64
    public let kind: String
    /// The job's arguments as JSON text (an object).
    public let payload: String
    public let state: JobState
    /// Not before this instant: the first run, or the next try after a failure.
    public let runAt: Date
    /// Claims so far, the one running included.
    public let attempts: Int
    public let maxAttempts: Int
    public let lockedBy: String?
    public let lockedUntil: Date?
    public let lastError: String?
    public let uniqueKey: String?
    public let createdAt: Date
    public let finishedAt: Date?

    /// A job value as read from the table.
    public init(
        id: Int64, kind: String, payload: String, state: JobState, runAt: Date, attempts: Int, maxAttempts: Int,
        lockedBy: String?, lockedUntil: Date?, lastError: String?, uniqueKey: String?, createdAt: Date, finishedAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.state = state
        self.runAt = runAt
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.lockedBy = lockedBy
        self.lockedUntil = lockedUntil
        self.lastError = lastError
        self.uniqueKey = uniqueKey
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
