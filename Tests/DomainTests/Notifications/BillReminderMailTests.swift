import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// A bill reminder from the recurring rule to the owner's mailbox: the reminder run writes the notification and its
/// mail in one transaction, and the delivery sends it through libcurl to the aiosmtpd sink (scripts/smtp-sink.sh).
@Suite struct BillReminderMailTests {
    @Test func aReminderEmailArrivesAtTheSMTPSink() async throws {
        let books = try await LedgerFixture.make()
        let fixture = try await NotificationFixture.make()
        let email = books.owner.email
        try await fixture.database.withControlTransaction { connection in
            try await connection.query(
                "UPDATE control.users SET email_verified_at = now() WHERE id = \(books.owner.id)", logger: TestStack.logger)
        }
        let account = try await books.account("Household")
        let due = CalendarDate.today.adding(days: 2)
        _ = try await books.ledger.createRecurringRule(books.access, RecurringInput(
            accountID: account.id, kind: .expense, amount: "845.50", payee: "Landlord", frequency: .monthly, start: due))

        let run = try await fixture.service.remindUpcomingBills(daysAhead: 3, workspaceIDs: [books.access.workspace.id])
        #expect(run.notificationsWritten == 1)
        var outbox: [Int64] = []
        for try await id in try await fixture.database.client.query(
            "SELECT id FROM control.mail_outbox WHERE to_address = \(email) AND sent_at IS NULL", logger: TestStack.logger
        ).decode(Int64.self) {
            outbox.append(id)
        }
        #expect(outbox.count == 1, "the preference for bill reminders sends e-mail by default")

        let delivery = MailDelivery(database: fixture.database, client: try MailSink.client(), logger: TestStack.logger)
        #expect(try await delivery.deliverDue(only: outbox) == MailDelivery.Report(sent: 1))
        let messages = try MailSink.messages(to: email)
        try #require(messages.count == 1, "the sink got \(messages.count) messages for \(email)")
        let subject = MailSink.decodeWords(MailSink.headers(of: messages[0])["subject"] ?? "")
        #expect(subject.contains("Landlord"), "\(subject)")
        let body = QuotedPrintable.decode(MailSink.body(of: messages[0]))
        #expect(body.contains("Landlord (845.50 USD) is due on \(due.iso) from Household"), "\(body)")
    }
}
