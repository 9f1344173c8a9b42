import Foundation

/// Light checks of an e-mail address's shape (RFC 5321 lengths, one @, a dotted domain); delivery is the real test.
public enum EmailAddress {
    /// The address trimmed, or nil with the reason it cannot be one.
    public static func normalized(_ text: String) -> Result<String, EmailAddressProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 254 else { return .failure(.init(reason: "is longer than 254 characters")) }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(.init(reason: "must contain exactly one @")) }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64 else { return .failure(.init(reason: "needs 1 to 64 characters before the @")) }
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            return .failure(.init(reason: "needs a domain such as example.com after the @"))
        }
        guard !trimmed.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" }) else {
            return .failure(.init(reason: "contains a space or a character not allowed in an address"))
        }
        return .success(trimmed)
    }
}

/// Why a text is not an e-mail address.
public struct EmailAddressProblem: Error, Equatable, Sendable {
    /// Completes "The e-mail address ...".
    public let reason: String
}
