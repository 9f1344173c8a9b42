import Foundation
import Logging
import Persistence
import PostgresNIO

/// Mail waiting in `control.mail_outbox`, written in the same transaction as the action that sends it.
public enum MailOutbox {
    /// A queued mail as the sender job reads it.
    public struct Entry: Sendable, Equatable {
        public let id: Int64
        public let mail: Mail
        public let createdAt: Date
        public let attempts: Int
    }

    /// Queues `mail` inside the caller's open transaction; returns the outbox id.
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
        return id
    }

    /// The oldest unsent mails, at most `limit`.
    public static func pending(limit: Int, database: Database, logger: Logger = Logger(label: "budgetai.mail")) async throws -> [Entry] {
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT id, to_address, subject, text_body, template, created_at, attempts
                FROM control.mail_outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT \(limit)
                """,
                logger: logger)
            var entries: [Entry] = []
            for try await (id, to, subject, body, template, createdAt, attempts) in rows.decode(
                (Int64, String, String, String, String, Date, Int).self)
            {
                entries.append(Entry(
                    id: id, mail: Mail(to: to, subject: subject, textBody: body, template: template), createdAt: createdAt,
                    attempts: attempts))
            }
            return entries
        }
    }

    /// Marks a mail as sent, or records a failed attempt with its error.
    public static func markAttempt(
        id: Int64, error: String?, database: Database, logger: Logger = Logger(label: "budgetai.mail")
    ) async throws {
        try await database.withControlTransaction { connection in
            if let error {
                try await connection.query(
                    "UPDATE control.mail_outbox SET attempts = attempts + 1, last_error = \(error) WHERE id = \(id)",
                    logger: logger)
            } else {
                try await connection.query(
                    "UPDATE control.mail_outbox SET attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = \(id)",
                    logger: logger)
            }
        }
    }
}
