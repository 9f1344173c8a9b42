import Domain
import Foundation
import Logging
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// The outbox sent over real SMTP: to the aiosmtpd sink, and to a port nobody listens on.
@Suite struct MailDeliveryTests {
    /// A mail in the outbox without the delivery job `MailOutbox.enqueue` adds, so that no worker running elsewhere
    /// on the shared database (`budgetai worker` in WorkerCommandTests) sends it before the test does.
    static func enqueue(_ mail: Mail, database: Database) async throws -> Int64 {
        let rows = try await database.client.query(
            """
            INSERT INTO control.mail_outbox (to_address, template, subject, text_body)
            VALUES (\(mail.to), \(mail.template), \(mail.subject), \(mail.textBody)) RETURNING id
            """, logger: TestStack.logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var inserted: Int64?
        for try await id in rows.decode(Int64.self) { inserted = id }
        guard let inserted else { throw CancellationError() }
        return inserted
    }

    @Test func queueingAMailQueuesItsOwnDeliveryJob() async throws {
        let database = try await TestStack.database()
        let id = try await database.withControlTransaction { connection in
            try await MailOutbox.enqueue(
                Mail(to: TestStack.uniqueEmail("queued"), subject: "Hi", textBody: "Hi", template: "test_mail"), on: connection, logger: TestStack.logger)
        }
        #expect(try await JobSQL.count(database, """
            SELECT count(*) FROM control.jobs
            WHERE kind = 'mail.deliver' AND payload = jsonb_build_object('outboxIds', jsonb_build_array(\(id))) AND unique_key IS NULL
            """) == 1)
    }

    struct OutboxRow {
        var attempts: Int
        var sent: Bool
        var failed: Bool
        var lastError: String?
        var nextAttemptAt: Date
    }

    static func row(_ id: Int64, database: Database) async throws -> OutboxRow {
        let rows = try await database.client.query(
            """
            SELECT attempts, sent_at IS NOT NULL, failed_at IS NOT NULL, last_error, next_attempt_at
            FROM control.mail_outbox WHERE id = \(id)
            """, logger: TestStack.logger)
        for try await (attempts, sent, failed, error, next) in rows.decode((Int, Bool, Bool, String?, Date).self) {
            return OutboxRow(attempts: attempts, sent: sent, failed: failed, lastError: error, nextAttemptAt: next)
        }
        throw CancellationError()
    }

    @Test func aQueuedMailArrivesAtTheSinkWithItsHeadersAndBody() async throws {
        let database = try await TestStack.database()
        let to = TestStack.uniqueEmail("sink")
        let longLine = String(repeating: "Ünïcödé and a long line that must be wrapped. ", count: 4)
        let body = "Hello Zoë,\n\nYour budget for März is at 80 %.\n.A line that starts with a dot\n\(longLine)\nGoodbye ✓"
        let id = try await Self.enqueue(
            Mail(to: to, subject: "Budget für März ✓: 80 % used, plus enough words to need two encoded words", textBody: body, template: "budget_alert"),
            database: database)

        let delivery = MailDelivery(database: database, client: try MailSink.client(), logger: TestStack.logger)
        let report = try await delivery.deliverDue(only: [id])
        #expect(report == MailDelivery.Report(sent: 1))

        let messages = try MailSink.messages(to: to)
        try #require(messages.count == 1, "the sink got \(messages.count) messages for \(to) in \(MailSink.folder.path)")
        let headers = MailSink.headers(of: messages[0])
        #expect(headers["from"] == "Budget AI <no-reply@budget-ai.test>")
        #expect(headers["to"] == to)
        #expect(headers["x-mailfrom"] == "no-reply@budget-ai.test", "the envelope sender")
        #expect(MailSink.decodeWords(headers["subject"] ?? "") == "Budget für März ✓: 80 % used, plus enough words to need two encoded words")
        #expect(headers["mime-version"] == "1.0")
        #expect(headers["content-type"] == "text/plain; charset=UTF-8")
        #expect(headers["content-transfer-encoding"] == "quoted-printable")
        #expect(headers["x-budget-ai-template"] == "budget_alert")
        let messageID = try #require(headers["message-id"])
        #expect(messageID.hasPrefix("<") && messageID.hasSuffix("@budget-ai.test>"))
        let date = try #require(headers["date"])
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        #expect(parser.date(from: date) != nil, "RFC 5322 date: \(date)")
        let raw = MailSink.body(of: messages[0])
        #expect(raw.contains("\n.A line that starts with a dot\n"), "dot-stuffing was undone by the server: \(raw)")
        #expect(raw.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 && $0.utf8.allSatisfy { $0 < 128 } }, "7-bit lines of at most 76")
        #expect(QuotedPrintable.decode(raw).replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == body)

        let row = try await Self.row(id, database: database)
        #expect(row.sent && row.attempts == 1 && row.lastError == nil && !row.failed)
        #expect(try await delivery.deliverDue(only: [id]) == MailDelivery.Report(), "a sent mail is not sent again")
    }

    @Test func anUnreachableServerRecordsTheFailureBacksOffAndGivesUpAfterTheLastTry() async throws {
        let database = try await TestStack.database()
        let to = TestStack.uniqueEmail("unreachable")
        let id = try await Self.enqueue(Mail(to: to, subject: "Hello", textBody: "Hello", template: "test_mail"), database: database)
        // Port 1 on loopback: nothing listens, the connection is refused.
        let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:1"), from: MailSink.sender)
        let settings = MailDeliverySettings(maxAttempts: 2, retryPolicy: JobRetryPolicy(base: .seconds(60), cap: .seconds(3600), jitter: 0.5))
        let delivery = MailDelivery(database: database, client: client, settings: settings, logger: TestStack.logger)

        let before = try await JobSQL.now(database)
        #expect(try await delivery.deliverDue(only: [id]) == MailDelivery.Report(deferred: 1))
        let failed = try await Self.row(id, database: database)
        #expect(failed.attempts == 1 && !failed.sent && !failed.failed)
        #expect(failed.lastError?.lowercased().contains("connect") == true, "\(failed.lastError ?? "")")
        #expect(failed.nextAttemptAt >= before.addingTimeInterval(30 - 0.01), "backed off 30-60 s: \(failed.nextAttemptAt) after \(before)")
        #expect(try await delivery.deliverDue(only: [id]) == MailDelivery.Report(), "not tried again during the backoff")
        #expect(try await Self.row(id, database: database).attempts == 1)

        // The backoff is over; the second try is the last.
        try await JobSQL.run(database, "UPDATE control.mail_outbox SET next_attempt_at = now() WHERE id = \(id)")
        #expect(try await delivery.deliverDue(only: [id]) == MailDelivery.Report(gaveUp: 1))
        let given = try await Self.row(id, database: database)
        #expect(given.attempts == 2 && given.failed && !given.sent && given.lastError != nil)
        try await JobSQL.run(database, "UPDATE control.mail_outbox SET next_attempt_at = now() WHERE id = \(id)")
        #expect(try await delivery.deliverDue(only: [id]) == MailDelivery.Report(), "a mail given up is not tried again")
    }

    @Test func aRunStopsAfterSeveralFailuresInARow() async throws {
        let database = try await TestStack.database()
        var ids: [Int64] = []
        for _ in 0..<4 {
            ids.append(try await Self.enqueue(Mail(to: TestStack.uniqueEmail("down"), subject: "Hi", textBody: "Hi", template: "test_mail"), database: database))
        }
        let client = SMTPClient(settings: try SMTPSettings(url: "smtp://127.0.0.1:1"), from: MailSink.sender)
        let delivery = MailDelivery(database: database, client: client, settings: MailDeliverySettings(maxConsecutiveFailures: 2), logger: TestStack.logger)
        let report = try await delivery.deliverDue(only: ids)
        #expect(report == MailDelivery.Report(deferred: 2, stoppedEarly: true))
    }

    @Test func startTLSRequiredIsRefusedByAServerWithoutIt() async throws {
        // The sink speaks plain SMTP only: with starttls=required libcurl must refuse to send in clear text.
        let client = SMTPClient(settings: try SMTPSettings(url: MailSink.url + "?starttls=required"), from: MailSink.sender)
        let to = TestStack.uniqueEmail("tls")
        await #expect(throws: SMTPError.self) {
            try await client.send(MailMessage(from: MailSink.sender, to: to, subject: "Secret", textBody: "Secret"))
        }
        #expect(try MailSink.messages(to: to).isEmpty)
        // The same server without the requirement takes it.
        try await MailSink.client().send(MailMessage(from: MailSink.sender, to: to, subject: "Plain", textBody: "Plain"))
        #expect(try MailSink.messages(to: to).count == 1)
    }

    @Test func theDeliveryJobSendsTheMailsOfItsPayload() async throws {
        let database = try await TestStack.database()
        let to = TestStack.uniqueEmail("job")
        let id = try await Self.enqueue(Mail(to: to, subject: "From a job", textBody: "Sent by mail.deliver", template: "test_mail"), database: database)
        let handler = MailDeliveryJob(delivery: MailDelivery(database: database, client: try MailSink.client(), logger: TestStack.logger))
        // The handler as a worker calls it (the queue's part is JobWorkerTests'; `budgetai worker` runs the whole path).
        let context = JobContext(jobID: 0, kind: MailDeliveryJob.kind, attempt: 1, maxAttempts: 3, worker: "test", logger: TestStack.logger)
        try await handler.run(MailDeliveryJob.Payload(outboxIds: [id]), context: context)
        #expect(try await Self.row(id, database: database).sent)
        #expect(try MailSink.messages(to: to).count == 1)
        // Without SMTP the job succeeds and the mail waits.
        let waiting = try await Self.enqueue(Mail(to: TestStack.uniqueEmail("nosmtp"), subject: "Wait", textBody: "Wait", template: "test_mail"), database: database)
        try await MailDeliveryJob(delivery: nil).run(MailDeliveryJob.Payload(outboxIds: [waiting]), context: context)
        #expect(try await Self.row(waiting, database: database).attempts == 0)
    }
}
