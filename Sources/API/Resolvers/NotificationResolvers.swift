import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// The caller's notifications and preferences on `Viewer`, and the Notification types.
    mutating func bindNotifications() {
        fieldAsync("Viewer", "notifications", of: User.self) { user, input, request in
            let arguments = input.arguments
            let after = try Self.notificationID(arguments, "after"), before = try Self.notificationID(arguments, "before")
            let range: NotificationRange
            switch (after, before) {
            case (nil, nil): range = .newest
            case (let after?, nil): range = .after(after)
            case (nil, let before?): range = .before(before)
            case (_?, _?): throw NotificationError.badInput("Give after or before, not both.", field: "before")
            }
            return .object(try await request.services.notifications.notifications(
                userID: user.id, range: range, first: arguments.int("first") ?? 20, unreadOnly: arguments.bool("unreadOnly") ?? false))
        }
        fieldAsync("Viewer", "unreadNotificationCount", of: User.self) { user, _, request in
            .int(try await request.services.notifications.unreadCount(userID: user.id))
        }
        fieldAsync("Viewer", "notificationPreferences", of: User.self) { user, _, request in
            .objects(try await request.services.notifications.preferences(userID: user.id))
        }

        bindConnection("NotificationConnection", "NotificationEdge", of: UserNotification.self)
        sourceBacked("Notification")
        field("Notification", "id", of: UserNotification.self) { .string(String($0.id)) }
        field("Notification", "type", of: UserNotification.self) { .string($0.type.rawValue) }
        field("Notification", "priority", of: UserNotification.self) { .string($0.priority.rawValue) }
        field("Notification", "title", of: UserNotification.self) { .string($0.title) }
        field("Notification", "body", of: UserNotification.self) { .string($0.body) }
        fieldAsync("Notification", "workspace", of: UserNotification.self) { notification, _, request in
            guard let id = notification.workspaceID, let access = try await request.access(to: id) else { return .null }
            return .object(WorkspaceNode(access: access))
        }
        field("Notification", "data", of: UserNotification.self) { notification in
            let object = GraphQLObject(notification.data.sorted { $0.key < $1.key }.map { ($0.key, GraphQLValue.string($0.value)) })
            return .string(JSON.serialize(.object(object)))
        }
        field("Notification", "createdAt", of: UserNotification.self) { .date($0.createdAt) }
        field("Notification", "readAt", of: UserNotification.self) { .date($0.readAt) }

        sourceBacked("NotificationPreference")
        field("NotificationPreference", "type", of: NotificationPreference.self) { .string($0.type.rawValue) }
        field("NotificationPreference", "inApp", of: NotificationPreference.self) { .bool($0.channels.inApp) }
        field("NotificationPreference", "email", of: NotificationPreference.self) { .bool($0.channels.email) }
        field("NotificationPreference", "isDefault", of: NotificationPreference.self) { .bool($0.isDefault) }
    }

    /// A notification id argument (an id or a cursor: they are the same), or BAD_USER_INPUT naming it.
    static func notificationID(_ arguments: GraphQLObject, _ key: String) throws -> Int64? {
        guard let text = arguments.string(key) else { return nil }
        guard let id = Int64(text), id > 0 else { throw NotificationError.badInput("\(key) must be a notification id.", field: key) }
        return id
    }
}
