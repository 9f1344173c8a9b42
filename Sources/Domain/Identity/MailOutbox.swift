import Foundation
import Logging
import Persistence
import PostgresNIO

/// Mail waiting in `control.mail_outbox`, written in the same transaction as the action that sends it.
public enum MailOutbox {
    /// Queues `mail` inside the caller's open transaction; returns the outbox id. A `mail.deliver` job for this mail is
    /// queued with it, so a worker sends it within moments of the commit (its own job, with no shared key, so
    /// concurrent transactions that send mail never wait for each other).
    @discardableResult
    public static func enqueue(_ mail: Mail, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await connection.query(
            """
            INSERT INTO control.mail_outbox (to_address, template, subject, text_body)
            VALUES (\(mail.to), \(mail.template), \(mail.subject), \(mail.textBody))
            RETURNING id
            """,
            logger: logger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        try await JobQueue.enqueue(MailDeliveryJob.newJob(outboxIDs: [id]), on: connection, logger: logger)
        return id
    }
}
