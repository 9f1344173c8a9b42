import Foundation

/// One RFC 5322 message with a UTF-8 plain-text body: the header fields, then the body in quoted-printable, lines
/// ending in CRLF. (SMTP's dot-stuffing is libcurl's.)
public struct MailMessage: Sendable, Equatable {
    public let from: MailboxAddress
    public let to: String
    public let subject: String
    public let textBody: String
    public let date: Date
    /// Without the angle brackets: `<uuid>@<sender domain>`.
    public let messageID: String
    /// The outbox template, carried in `X-Budget-AI-Template` for whoever reads the mail's source.
    public let template: String?

    /// A message dated `date` with a fresh Message-ID.
    public init(from: MailboxAddress, to: String, subject: String, textBody: String, template: String? = nil, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.template = template
        self.date = date
        self.messageID = "\(UUID().uuidString.lowercased())@\(from.domain)"
    }

    /// The message as sent: header fields, an empty line, the encoded body.
    public func rendered() -> String {
        var fields = [
            "From: " + Self.mailbox(from),
            "To: " + Self.singleLine(to),
            "Subject: " + Self.encodedWords(Self.singleLine(subject)),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        if let template { fields.append("X-Budget-AI-Template: " + Self.singleLine(template)) }
        return fields.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(textBody)
    }

    /// `Name <address>`, the name as an encoded word when it is not plain ASCII, quoted when it holds specials.
    static func mailbox(_ mailbox: MailboxAddress) -> String {
        guard let name = mailbox.displayName.map(singleLine), !name.isEmpty else { return "<\(mailbox.address)>" }
        let rendered: String
        if !name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) {
            rendered = encodedWords(name)
        } else if name.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) {
            rendered = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        } else {
            rendered = name
        }
        return "\(rendered) <\(mailbox.address)>"
    }

    /// Header text with line breaks turned into spaces, so no value can add a header field.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// Plain ASCII as is; anything else as RFC 2047 `=?UTF-8?B?...?=` words of at most 75 characters, folded onto
    /// continuation lines, each word holding whole characters.
    static func encodedWords(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes are 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays within 75.
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Sat, 22 Nov 2026 09:30:00 +0000` (RFC 5322 section 3.3), in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
