import Foundation

/// A notification to deliver to one user, before their preferences decide where it goes.
public struct NotificationDraft: Sendable, Hashable {
    public var userID: UUID
    public var workspaceID: UUID?
    public var type: NotificationType
    public var priority: NotificationPriority
    /// Cut to 200 characters (what the table holds).
    public var title: String
    /// Cut to 4,000 characters.
    public var body: String
    public var data: [String: String]
    /// When set, the user gets this notification at most once per key, on any channel (a bill reminder per
    /// occurrence, an advisor's access per grant and day).
    public var onceKey: String?

    /// A draft; over-long texts are cut rather than refused, because producers build them from names users chose.
    public init(
        userID: UUID, workspaceID: UUID? = nil, type: NotificationType, priority: NotificationPriority = .normal, title: String,
        body: String = "", data: [String: String] = [:], onceKey: String? = nil
    ) {
        self.userID = userID
        self.workspaceID = workspaceID
        self.type = type
        self.priority = priority
        self.title = Self.cut(title, to: 200)
        self.body = Self.cut(body, to: 4_000)
        self.data = data
        self.onceKey = onceKey.map { Self.cut($0, to: 200) }
    }

    /// At most `limit` characters, with an ellipsis when something was cut.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
