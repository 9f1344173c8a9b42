import Foundation
import Logging
import Metrics
import Persistence
import PostgresNIO

/// Sends what waits in `control.mail_outbox`: each due mail (unsent, not given up, its backoff elapsed) in its own
/// transaction that locks the row (SKIP LOCKED, so two senders never send the same mail), sends it and records the
/// outcome: sent, or the error with the next try's time, or given up after the last try.
public struct MailDelivery: Sendable {
    public let database: Database
    public let client: SMTPClient
    public let settings: MailDeliverySettings
    let logger: Logger

    /// A sender of the outbox through `client`.
    public init(database: Database, client: SMTPClient, settings: MailDeliverySettings = MailDeliverySettings(), logger: Logger) {
        self.database = database
        self.client = client
        self.settings = settings
        self.logger = logger
    }

    /// What one run did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        /// Failed tries that will be tried again.
        public var deferred = 0
        public var gaveUp = 0
        /// The run stopped before the outbox was empty (shutdown, or a server that keeps failing).
        public var stoppedEarly = false

        /// A report of these counts.
        public init(sent: Int = 0, deferred: Int = 0, gaveUp: Int = 0, stoppedEarly: Bool = false) {
            self.sent = sent
            self.deferred = deferred
            self.gaveUp = gaveUp
            self.stoppedEarly = stoppedEarly
        }
    }

    /// Sends every due mail (only those of `ids` when given), oldest due first, until none is left, `shouldStop`
    /// says so, or the server failed `maxConsecutiveFailures` times in a row.
    public func deliverDue(only ids: [Int64]? = nil, shouldStop: @Sendable () -> Bool = { false }) async throws -> Report {
        var report = Report()
        var failuresInARow = 0
        while true {
            if shouldStop() {
                report.stoppedEarly = true
                return report
            }
            guard let outcome = try await deliverNext(only: ids) else { return report }
            switch outcome {
            case .sent:
                report.sent += 1
                failuresInARow = 0
            case .deferred:
                report.deferred += 1
                failuresInARow += 1
            case .gaveUp:
                report.gaveUp += 1
                failuresInARow += 1
            }
            if failuresInARow >= settings.maxConsecutiveFailures {
                logger.warning("mail delivery paused: the SMTP server failed several times in a row", metadata: [
                    "server": "\(client.settings.redactedURL)", "failures": "\(failuresInARow)",
                ])
                report.stoppedEarly = true
                return report
            }
        }
    }

    enum Outcome { case sent, deferred, gaveUp }

    /// Locks, sends and records the next due mail; nil when none is due.
    private func deliverNext(only ids: [Int64]?) async throws -> Outcome? {
        try await database.withControlTransaction { connection -> Outcome? in
            let rows = try await connection.query(
                """
                SELECT id, to_address, subject, text_body, template, attempts FROM control.mail_outbox
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                  AND (\(ids)::int8[] IS NULL OR id = ANY(\(ids)::int8[]))
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, logger: logger)
            var found: (Int64, String, String, String, String, Int)?
            for try await row in rows.decode((Int64, String, String, String, String, Int).self) { found = row }
            guard let (id, to, subject, body, template, attempts) = found else { return nil }
            let message = MailMessage(from: client.from, to: to, subject: subject, textBody: body, template: template)
            do throws(SMTPError) {
                try await client.send(message)
            } catch {
                return try await recordFailure(id: id, attempt: attempts + 1, error: error, on: connection)
            }
            try await connection.query(
                """
                UPDATE control.mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = \(id)
                """, logger: logger)
            Counter(label: "budgetai_mail_sent_total").increment()
            logger.debug("mail sent", metadata: ["outbox_id": "\(id)", "template": "\(template)", "message_id": "\(message.messageID)"])
            return .sent
        }
    }

    private func recordFailure(id: Int64, attempt: Int, error: SMTPError, on connection: PostgresConnection) async throws -> Outcome {
        let givingUp = error.isPermanent || attempt >= settings.maxAttempts
        let wait = settings.retryPolicy.delay(afterAttempt: attempt)
        let text = String(error.description.prefix(2000))
        try await connection.query(
            """
            UPDATE control.mail_outbox SET attempts = attempts + 1, last_error = \(text),
                next_attempt_at = now() + \(wait.wholeMilliseconds)::float8 * interval '1 millisecond',
                failed_at = CASE WHEN \(givingUp) THEN now() END
            WHERE id = \(id)
            """, logger: logger)
        if givingUp {
            Counter(label: "budgetai_mail_failed_total").increment()
            logger.error("mail given up", metadata: ["outbox_id": "\(id)", "attempts": "\(attempt)", "error": "\(text)"])
            return .gaveUp
        }
        Counter(label: "budgetai_mail_deferred_total").increment()
        logger.warning("mail not sent; will try again", metadata: [
            "outbox_id": "\(id)", "attempt": "\(attempt)", "retry_in_seconds": "\(wait.components.seconds)", "error": "\(text)",
        ])
        return .deferred
    }
}
