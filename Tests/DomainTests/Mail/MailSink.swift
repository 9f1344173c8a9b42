import Domain
import Foundation
import Testing
import TestSupport

/// The aiosmtpd sink scripts/smtp-sink.sh runs (scripts/test.sh starts it and sets SMTP_SINK_URL and SMTP_SINK_DIR):
/// a real SMTP server that writes each message it accepts into a Maildir.
enum MailSink {
    static let url = ProcessInfo.processInfo.environment["SMTP_SINK_URL"] ?? "smtp://127.0.0.1:2525"
    static let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SMTP_SINK_DIR"]
        ?? TestStack.repositoryRoot.appendingPathComponent(".local/smtp-sink/maildir").path)

    static let sender = MailboxAddress(address: "no-reply@budget-ai.test", displayName: "Budget AI")

    /// A client that sends to the sink.
    static func client() throws -> SMTPClient {
        SMTPClient(settings: try SMTPSettings(url: url), from: sender)
    }

    /// The raw messages the sink received for `recipient` (aiosmtpd adds `X-RcptTo`).
    static func messages(to recipient: String) throws -> [String] {
        let new = folder.appendingPathComponent("new")
        let names = try FileManager.default.contentsOfDirectory(atPath: new.path)
        return try names.compactMap { name in
            let text = try String(contentsOf: new.appendingPathComponent(name), encoding: .utf8)
            return headers(of: text)["x-rcptto"] == recipient ? text : nil
        }
    }

    /// The header fields of a message, unfolded, by lower-case name.
    static func headers(of message: String) -> [String: String] {
        let head = message.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").first ?? ""
        var fields: [String: String] = [:]
        var last: String?
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", let name = last {
                fields[name, default: ""] += line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = name
            }
        }
        return fields
    }

    /// The body of a message, after its header.
    static func body(of message: String) -> String {
        let text = message.replacingOccurrences(of: "\r\n", with: "\n")
        guard let range = text.range(of: "\n\n") else { return "" }
        return String(text[range.upperBound...])
    }

    /// Decodes RFC 2047 `=?UTF-8?B?...?=` words (what our Subject uses beyond ASCII); space between words goes.
    static func decodeWords(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "=?UTF-8?B?") {
            let before = rest[..<start.lowerBound]
            if !before.allSatisfy(\.isWhitespace) || output.isEmpty { output += before }
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "?=") else { break }
            output += Data(base64Encoded: String(after[..<end.lowerBound])).map { String(decoding: $0, as: UTF8.self) } ?? ""
            rest = after[end.upperBound...]
        }
        return output + rest
    }
}
