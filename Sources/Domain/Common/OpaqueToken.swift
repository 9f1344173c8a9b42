import Crypto
import Foundation

/// A random secret handed to a client (refresh, verification and reset tokens): 32 random bytes as base64url.
/// Only its SHA-256 is stored.
struct OpaqueToken: Sendable {
    let value: String
    let hash: Data

    /// A fresh random token.
    static func generate() -> OpaqueToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let value = Base64URL.encode(bytes)
        return OpaqueToken(value: value, hash: hash(of: value))
    }

    /// The SHA-256 of a token as presented; the database looks the hash up, so no secret is ever compared in Swift.
    static func hash(of presented: String) -> Data {
        Data(SHA256.hash(data: Data(presented.utf8)))
    }

    /// Whether `presented` has the shape of a token (43 base64url characters), checked before any SQL.
    static func isWellFormed(_ presented: String) -> Bool {
        presented.utf8.count == 43 && presented.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
