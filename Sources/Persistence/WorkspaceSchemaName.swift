import Foundation

/// The name of a workspace's schema and of its role: `ws_` and 32 lowercase hex digits.
///
/// Only values of this type are ever spliced into SQL as identifiers, and it can only hold that shape.
public struct WorkspaceSchemaName: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// The name derived from a workspace id.
    public init(workspaceID: UUID) {
        let hex = workspaceID.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        self.rawValue = "ws_" + hex
    }

    /// Accepts `name` only if it has the generated shape.
    public init?(validating name: String) {
        let bytes = Array(name.utf8)
        guard bytes.count == 35, name.hasPrefix("ws_") else { return nil }
        for byte in bytes.dropFirst(3) {
            let isHex = (48...57).contains(byte) || (97...102).contains(byte)
            guard isHex else { return nil }
        }
        self.rawValue = name
    }

    /// The name quoted as an SQL identifier.
    public var quoted: String { SQLText.identifier(rawValue) }

    public var description: String { rawValue }
}
