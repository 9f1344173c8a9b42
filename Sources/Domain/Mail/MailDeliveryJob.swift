import Foundation
import Logging
import Persistence

/// `mail.deliver`: sends the due mails of the outbox. Queued for each new mail with its id (`MailOutbox.enqueue`),
/// and every minute by the scheduler for all due mail (retries whose backoff has passed, mail whose own job was lost). Without an SMTP server configured it does nothing and the
/// mail stays in the outbox (the process warns about that once, at start).
public struct MailDeliveryJob: JobHandler {
    /// Which mails: all due ones, or only these outbox ids.
    public struct Payload: Codable, Sendable, Equatable {
        public var outboxIds: [Int64]?

        /// All due mails (nil), or only `outboxIds`.
        public init(outboxIds: [Int64]? = nil) {
            self.outboxIds = outboxIds
        }
    }

    public static let kind = "mail.deliver"
    public var kind: String { Self.kind }
    /// The sender; nil when SMTP_URL is not set.
    public let delivery: MailDelivery?

    /// A handler sending through `delivery` (nil: keep mail in the outbox).
    public init(delivery: MailDelivery?) {
        self.delivery = delivery
    }

    /// Sends the due mails; stops early, successfully, when the process is stopping (the next run goes on).
    public func run(_ payload: Payload, context: JobContext) async throws {
        guard let delivery else {
            context.logger.debug("SMTP is not configured; mail stays in the outbox")
            return
        }
        let report = try await delivery.deliverDue(only: payload.outboxIds, shouldStop: { context.shouldStop })
        if report != MailDelivery.Report() {
            context.logger.info("mail delivery run", metadata: [
                "sent": "\(report.sent)", "deferred": "\(report.deferred)", "gave_up": "\(report.gaveUp)",
                "stopped_early": "\(report.stoppedEarly)",
            ])
        }
    }

    /// The job that sends `outboxIDs`, or everything due (then with a key, so that at most one such job waits).
    public static func newJob(outboxIDs: [Int64]? = nil) -> NewJob {
        // The payload always encodes; a failure here would be a programming error.
        var job = (try? NewJob(kind: kind, payload: Payload(outboxIds: outboxIDs), maxAttempts: 3)) ?? NewJob(kind: kind)
        if outboxIDs == nil { job.uniqueKey = kind }
        return job
    }
}
