import Domain
import Foundation
import Testing

/// The message format and SMTP_URL / MAIL_FROM parsing, without a server.
@Suite struct MailMessageTests {
    @Test func headersCannotBeInjectedAndLongSubjectsFoldIntoShortEncodedWords() {
        let message = MailMessage(
            from: MailboxAddress(address: "no-reply@example.com", displayName: "Budget AI, Inc."), to: "a@example.com\r\nBcc: evil@example.com",
            subject: "Überweisung \(String(repeating: "ä", count: 60))\r\nBcc: evil@example.com", textBody: "Hi")
        let text = message.rendered()
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(!head.split(separator: "\r\n").contains { $0.hasPrefix("Bcc:") })
        #expect(head.contains("From: \"Budget AI, Inc.\" <no-reply@example.com>"))
        let subjectLines = head.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 1, "folded onto continuation lines")
        for line in subjectLines {
            for word in line.split(separator: " ") where word.hasPrefix("=?") {
                #expect(word.count <= 75, "an encoded word holds at most 75 characters: \(word)")
            }
        }
        #expect(text.utf8.allSatisfy { $0 < 128 }, "the whole message is 7-bit")
    }

    @Test func quotedPrintableRoundTripsAndKeepsLinesShort() {
        let samples = [
            "plain ASCII stays as it is",
            "trailing space \nand tab\t\nend",
            "= signs = and 100 % ✓ ünïcödé",
            String(repeating: "x", count: 300),
            String(repeating: "é", count: 100),
            "",
        ]
        for sample in samples {
            let encoded = QuotedPrintable.encode(sample)
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
            #expect(!encoded.components(separatedBy: "\r\n").contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") })
            #expect(QuotedPrintable.decode(encoded).replacingOccurrences(of: "\r\n", with: "\n") == sample)
        }
        #expect(QuotedPrintable.encode("plain ASCII stays as it is") == "plain ASCII stays as it is")
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
    }

    @Test func smtpURLsAreParsedAndBadOnesNamed() throws {
        let plain = try SMTPSettings(url: "smtp://127.0.0.1:2525")
        #expect(plain.host == "127.0.0.1" && plain.port == 2525 && plain.security == .none && plain.username == nil)
        let submission = try SMTPSettings(url: "smtp://mailer%40example.com:p%40ss@mail.example.com:587?starttls=required")
        #expect(submission.username == "mailer@example.com" && submission.password == "p@ss" && submission.security == .startTLSRequired)
        #expect(submission.redactedURL == "smtp://mailer@example.com:***@mail.example.com:587?starttls=required")
        let implicit = try SMTPSettings(url: "smtps://mail.example.com")
        #expect(implicit.port == 465 && implicit.security == .implicitTLS)
        #expect(try SMTPSettings(url: "smtp://relay").port == 25)
        for bad in ["http://mail.example.com", "smtp://", "smtp://host:2525?starttls=maybe", "smtps://host?starttls=required", "smtp://host?tls=1"] {
            #expect(throws: SMTPSettingsError.self, "\(bad)") { try SMTPSettings(url: bad) }
        }
    }

    @Test func senderAddressesAreParsed() throws {
        #expect(try MailboxAddress(parsing: "Budget AI <no-reply@example.com>") == MailboxAddress(address: "no-reply@example.com", displayName: "Budget AI"))
        #expect(try MailboxAddress(parsing: "no-reply@example.com") == MailboxAddress(address: "no-reply@example.com"))
        #expect(try MailboxAddress(parsing: "\"Budget AI\" <a@b>").displayName == "Budget AI")
        for bad in ["no address", "<>", "a@", "x <a@b>\r\nBcc: c@d", "two words@example.com"] {
            #expect(throws: MailAddressError.self, "\(bad)") { try MailboxAddress(parsing: bad) }
        }
    }
}
