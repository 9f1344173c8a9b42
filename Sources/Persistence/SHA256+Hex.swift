import Crypto
import Foundation

extension SHA256 {
    /// The lowercase hex SHA-256 of `text`'s UTF-8 bytes (migration checksums, pool digests, throttle keys).
    public static func hex(of text: String) -> String {
        hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
