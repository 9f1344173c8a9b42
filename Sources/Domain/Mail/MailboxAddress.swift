import Foundation

/// A sender or recipient: an address with an optional display name, as in `Budget AI <no-reply@example.com>`.
public struct MailboxAddress: Sendable, Equatable {
    public let displayName: String?
    public let address: String

    /// An address without a display name.
    public init(address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// Parses `Name <user@domain>` or `user@domain` (as `MAIL_FROM` is written).
    public init(parsing text: String) throws(MailAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw MailAddressError(text: text) }
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let before = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = before.isEmpty ? nil : before
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        else { throw MailAddressError(text: text) }
        self.init(address: address, displayName: name)
    }

    /// The domain part, for Message-IDs.
    public var domain: String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}

/// Text that is not a mail address (`MAIL_FROM`).
public struct MailAddressError: Error, Equatable, Sendable {
    public let text: String
}
