import Foundation

/// The name events are published under and subscribed to. Topics are plain strings so that every server instance
/// (and Redis, which carries them between instances) agrees on them without sharing types.
public struct EventTopic: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// A topic from its wire name; prefer the factories below.
    public init(name: String) { self.name = name }

    public var description: String { name }

    /// Notifications for one user (`notificationAdded`).
    public static func notifications(userID: UUID) -> EventTopic { EventTopic(name: "user.\(userID.lowercased).notifications") }
    /// Transactions created, changed or deleted in one workspace (`transactionChanged`).
    public static func transactions(workspaceID: UUID) -> EventTopic { EventTopic(name: "workspace.\(workspaceID.lowercased).transactions") }
    /// Budget thresholds crossed in one workspace (`budgetAlert`).
    public static func budgetAlerts(workspaceID: UUID) -> EventTopic { EventTopic(name: "workspace.\(workspaceID.lowercased).budget-alerts") }
    /// Progress of one import (`importProgress`); import ids are unique across workspaces.
    public static func importProgress(importID: UUID) -> EventTopic { EventTopic(name: "import.\(importID.lowercased).progress") }
}

extension UUID {
    /// The lower-case text form, as ids appear in topics and in the API.
    fileprivate var lowercased: String { uuidString.lowercased() }
}
