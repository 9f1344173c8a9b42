import Foundation

/// One notification addressed to one user (a row of `control.notifications`). Named apart from Foundation's
/// `Notification`, which every module importing Foundation would otherwise find ambiguous.
public struct UserNotification: Sendable, Hashable, Identifiable {
    /// Grows with every notification written; the `after:` cursor of the list.
    public let id: Int64
    public let userID: UUID
    /// The workspace it is about, if any.
    public let workspaceID: UUID?
    public let type: NotificationType
    public let priority: NotificationPriority
    public let title: String
    public let body: String
    /// What it refers to (ids, amounts, dates), for the client to link to; keys depend on the type.
    public let data: [String: String]
    public let createdAt: Date
    /// When the user marked it read; nil while unread.
    public let readAt: Date?

    /// A notification as stored.
    public init(
        id: Int64, userID: UUID, workspaceID: UUID?, type: NotificationType, priority: NotificationPriority, title: String, body: String,
        data: [String: String], createdAt: Date, readAt: Date?
    ) {
        self.id = id
        self.userID = userID
        self.workspaceID = workspaceID
        self.type = type
        self.priority = priority
        self.title = title
        self.body = body
        self.data = data
        self.createdAt = createdAt
        self.readAt = readAt
    }

    /// Whether the user has not marked it read.
    public var isUnread: Bool { readAt == nil }
}
