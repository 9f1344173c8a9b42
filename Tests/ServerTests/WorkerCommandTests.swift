import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// `budgetai worker` as a process: it sends a queued mail to the SMTP sink through its job queue, and stops cleanly
/// on SIGTERM.
@Suite struct WorkerCommandTests {
    static let sinkURL = ProcessInfo.processInfo.environment["SMTP_SINK_URL"] ?? "smtp://127.0.0.1:2525"

    @Test func theWorkerSendsQueuedMailAndStopsOnSIGTERM() async throws {
        let database = try await TestStack.database()
        let process = Process()
        process.executableURL = OperatorCommandTests.executable
        // Queued jobs only: the periodic ones (recurring transactions of every workspace) would touch other tests' data.
        process.arguments = ["worker", "--no-scheduler", "--concurrency", "2"]
        process.environment = [
            "DATABASE_URL": TestStack.databaseURL, "LOG_FORMAT": "json", "LOG_LEVEL": "info",
            "SMTP_URL": Self.sinkURL, "MAIL_FROM": "Budget AI <worker@budget-ai.test>",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // A reminder mail, queued as the application queues every mail (with its delivery job).
        let to = TestStack.uniqueEmail("reminder")
        let id = try await database.withControlTransaction { connection in
            try await MailOutbox.enqueue(
                Mail(to: to, subject: "Reminder: rent is due on the 1st", textBody: "Rent, 1,200.00 EUR, is due in 3 days.", template: "bill_reminder"),
                on: connection, logger: TestStack.logger)
        }
        var sent = false
        var polls = 0
        while !sent && polls < 1_200 && process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            for try await value in try await database.client.query(
                "SELECT sent_at IS NOT NULL FROM control.mail_outbox WHERE id = \(id)", logger: TestStack.logger
            ).decode(Bool.self) { sent = value }
            polls += 1
        }
        #expect(sent, "the worker sent outbox mail \(id)")

        kill(process.processIdentifier, SIGTERM)
        var waits = 0
        while process.isRunning && waits < 600 {
            try await Task.sleep(for: .milliseconds(50))
            waits += 1
        }
        #expect(!process.isRunning, "SIGTERM stops the worker")
        if !process.killIfStillRunning() { #expect(process.terminationStatus == 0) }
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("\"message\":\"job worker started\""), "\(log)")
        #expect(log.contains("\"message\":\"stopped\""), "\(log)")

        let sink = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SMTP_SINK_DIR"]
            ?? TestStack.repositoryRoot.appendingPathComponent(".local/smtp-sink/maildir").path).appendingPathComponent("new")
        let received = try FileManager.default.contentsOfDirectory(atPath: sink.path).compactMap { name -> String? in
            let text = try? String(contentsOf: sink.appendingPathComponent(name), encoding: .utf8)
            return text?.contains("X-RcptTo: \(to)") == true ? text : nil
        }
        #expect(received.count == 1)
        #expect(received.first?.contains("Subject: Reminder: rent is due on the 1st") == true)
        #expect(received.first?.contains("From: Budget AI <worker@budget-ai.test>") == true)
    }

    @Test func aBadSMTPURLStopsStartUpWithOneLine() throws {
        let process = Process()
        process.executableURL = OperatorCommandTests.executable
        process.arguments = ["worker"]
        process.environment = ["DATABASE_URL": TestStack.databaseURL, "SMTP_URL": "http://mail.example.com"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            == "configuration error: SMTP_URL: the URL must start with smtp:// or smtps://, not http://\n")
    }
}
