import Crypto
import Foundation

/// The Ed25519 keys of access tokens. Rotation: the first key signs, every key verifies, so a new key goes first
/// and the old one stays second until the tokens it signed have expired.
public struct SigningKeys: Sendable {
    /// One key and its id (the JWT `kid` header).
    struct Key: Sendable {
        let kid: String
        let privateKey: Curve25519.Signing.PrivateKey
    }

    let keys: [Key]

    /// The key ids, signing key first.
    public var keyIDs: [String] { keys.map(\.kid) }

    /// Parses `"kid1:BASE64(32-byte Ed25519 seed),kid2:..."` (the `JWT_SIGNING_KEYS` environment variable).
    public init(parsing text: String) throws {
        var keys: [Key] = []
        for entry in text.split(separator: ",") {
            let entry = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            if entry.isEmpty { continue }
            guard let colon = entry.firstIndex(of: ":") else { throw SigningKeysError("entry without kid:seed") }
            let kid = String(entry[..<colon])
            guard !kid.isEmpty, kid.count <= 64,
                  kid.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) })
            else { throw SigningKeysError("key id \"\(kid)\" must be 1-64 of A-Z a-z 0-9 - _ .") }
            guard !keys.contains(where: { $0.kid == kid }) else { throw SigningKeysError("key id \"\(kid)\" appears twice") }
            guard let seed = Base64URL.decode(String(entry[entry.index(after: colon)...])), seed.count == 32 else {
                throw SigningKeysError("key \"\(kid)\" is not the base64 of a 32-byte Ed25519 seed")
            }
            keys.append(Key(kid: kid, privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: seed)))
        }
        guard !keys.isEmpty else { throw SigningKeysError("no signing key given") }
        self.keys = keys
    }

    init(keys: [Key]) {
        self.keys = keys
    }

    /// A random key with kid `ephemeral-<8 hex>`, for development and tests; tokens die with the process.
    public static func ephemeral() -> SigningKeys {
        let kid = "ephemeral-" + String(format: "%08x", UInt32.random(in: .min ... .max))
        return SigningKeys(keys: [Key(kid: kid, privateKey: Curve25519.Signing.PrivateKey())])
    }

    /// A fresh random seed in the form `init(parsing:)` reads, for operators making a new key.
    public static func generateEntry(kid: String) -> String {
        kid + ":" + Curve25519.Signing.PrivateKey().rawRepresentation.base64EncodedString()
    }

    var signingKey: Key { keys[0] }

    func key(for kid: String) -> Key? {
        keys.first { $0.kid == kid }
    }
}

/// `JWT_SIGNING_KEYS` could not be read; the reason never contains key material.
public struct SigningKeysError: Error, CustomStringConvertible, Equatable {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "JWT_SIGNING_KEYS: \(reason)" }
}
