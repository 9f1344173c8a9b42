import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Marking notifications read, choosing channels, and platform announcements.
    mutating func bindNotificationMutations() {
        root("Mutation", "markNotificationRead") { arguments, request in
            let user = try await request.requireUser()
            // An id that is not even a number names no notification of the caller's: the same NOT_FOUND.
            guard let text = arguments.string("id"), let id = Int64(text) else { throw NotificationError.notFound }
            return .object(try await request.services.notifications.markRead(id: id, userID: user.id))
        }
        root("Mutation", "markAllNotificationsRead") { arguments, request in
            let user = try await request.requireUser()
            return .int(try await request.services.notifications.markAllRead(userID: user.id, upTo: try Self.notificationID(arguments, "upTo")))
        }
        root("Mutation", "setNotificationPreference") { arguments, request in
            let user = try await request.requireUser()
            guard let type = arguments.string("type").flatMap(NotificationType.init(rawValue:)) else {
                throw NotificationError.badInput("type must be a NotificationType.", field: "type")
            }
            return .object(try await request.services.notifications.setPreference(
                userID: user.id, type: type, inApp: arguments.bool("inApp"), email: arguments.bool("email")))
        }
        root("Mutation", "announce") { arguments, request in
            .int(try await request.services.notifications.announce(
                actor: try await request.requireUser(), title: arguments.string("title") ?? "", body: arguments.string("body") ?? "",
                priority: arguments.string("priority").flatMap(NotificationPriority.init(rawValue:)) ?? .normal, origin: request.origin))
        }
    }
}
