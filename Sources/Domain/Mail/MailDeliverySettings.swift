import Persistence

/// How the outbox is sent: how often a mail is tried, how long it waits between tries, and when a run gives up on a
/// server that does not answer.
public struct MailDeliverySettings: Sendable {
    /// Tries per mail before it is given up (`failed_at`).
    public var maxAttempts: Int
    /// The wait after each failed try: 1 minute, doubling, at most 6 hours, with jitter (8 tries span about 4 hours).
    public var retryPolicy: JobRetryPolicy
    /// A run stops after this many failures in a row (the server is down): the rest wait for the next run.
    public var maxConsecutiveFailures: Int

    /// Settings with the defaults above.
    public init(
        maxAttempts: Int = 8, retryPolicy: JobRetryPolicy = JobRetryPolicy(base: .seconds(60), cap: .seconds(6 * 3600)),
        maxConsecutiveFailures: Int = 3
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.retryPolicy = retryPolicy
        self.maxConsecutiveFailures = max(1, maxConsecutiveFailures)
    }
}
