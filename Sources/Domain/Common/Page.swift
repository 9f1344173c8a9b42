import Foundation

/// One page of a list ordered by a stable key, with the opaque cursor of each item (Relay connections).
public struct Page<Item: Sendable>: Sendable {
    public let items: [(cursor: String, item: Item)]
    public let hasNextPage: Bool
    public let totalCount: Int

    /// A page; `items` are in order.
    public init(items: [(cursor: String, item: Item)], hasNextPage: Bool, totalCount: Int) {
        self.items = items
        self.hasNextPage = hasNextPage
        self.totalCount = totalCount
    }
}

/// Opaque cursors: base64url of a short text key, so clients cannot read or forge meaning into them.
public enum Cursor {
    /// The cursor of `key`.
    public static func encode(_ key: String) -> String {
        Base64URL.encode(Array(key.utf8))
    }

    /// The key of a cursor, or nil when it is not one of ours.
    public static func decode(_ cursor: String) -> String? {
        Base64URL.decode(cursor).flatMap { String(data: $0, encoding: .utf8) }
    }
}
