import Crypto
import Foundation

/// A secret handed to a person once (in a link or a response) and stored only as its SHA-256 hash.
public struct SecureToken: Sendable {
    /// The secret: 32 random bytes, base64url without padding (43 characters).
    public let value: String

    /// A fresh random token.
    public init() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.value = Self.base64URL(bytes)
    }

    /// The hash stored in the database for `value`.
    public var hash: [UInt8] { Self.hash(value) }

    /// The stored form of a presented token; comparing hashes in SQL keeps the secret itself out of timing.
    public static func hash(_ presented: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(presented.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
