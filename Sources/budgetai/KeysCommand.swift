import ArgumentParser
import Domain
import Foundation

/// `budgetai new-signing-key`: a fresh access-token key entry for JWT_SIGNING_KEYS.
struct NewSigningKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-signing-key",
        abstract: "Print a new Ed25519 key entry (kid:base64 seed) for JWT_SIGNING_KEYS.",
        discussion: """
            Rotation without signing anyone out: put the new entry first and keep the old one after it
            (JWT_SIGNING_KEYS=new,old); remove the old one once every token it signed has expired (15 minutes).
            """
    )

    @Option(help: "The key id; letters, digits, '-', '_' and '.' (default: k-<date>-<random>).")
    var kid: String?

    func run() throws {
        let kid = kid ?? "k-\(Self.today())-\(UUID().uuidString.prefix(6).lowercased())"
        let entry = SigningKeys.generateEntry(kid: kid)
        // The entry must read back, so a kid with a forbidden character fails here rather than at start-up.
        do {
            _ = try SigningKeys(parsing: entry)
        } catch {
            throw ValidationError("\(error)")
        }
        print(entry)
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
