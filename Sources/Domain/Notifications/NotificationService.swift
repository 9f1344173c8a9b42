import Foundation
import Logging
import Persistence
import PostgresNIO

/// Tells users what happened: in-app notifications (`control.notifications`), e-mails through the outbox, and an event
/// on the user's topic for live subscriptions. Each user chooses the channels per type; producers (budgets, bills,
/// imports, invitations, advisor access, announcements) build the notifications.
///
/// Rows and mails are written in one control transaction; the events are published only after it commits, so a
/// subscriber never hears of a notification it cannot read, and one that missed an event reads it with
/// `notifications(userID:range: .after(id))`.
public struct NotificationService: Sendable {
    public let database: Database
    public let publisher: any EventPublisher
    /// Links in mails start with this (the web app's address).
    public let publicBaseURL: String
    let logger: Logger
    /// Once-keys already delivered, shared by the copies of this service.
    let recentKeys = RecentKeys()

    /// A service writing to `database` and announcing to `publisher`.
    public init(database: Database, publisher: any EventPublisher, publicBaseURL: String = "http://127.0.0.1:8080", logger: Logger) {
        self.database = database
        self.publisher = publisher
        self.publicBaseURL = publicBaseURL
        self.logger = logger
    }

    /// Delivers `drafts` as each recipient's preferences say (in-app off: no row; e-mail on and the address verified:
    /// a mail in the outbox), all in one transaction, then publishes the rows written. Returns them, by id. Drafts
    /// for users that do not exist, and drafts whose `onceKey` the user already had, are dropped.
    @discardableResult
    public func notify(_ drafts: [NotificationDraft]) async throws -> [UserNotification] {
        guard !drafts.isEmpty else { return [] }
        let publicBaseURL = self.publicBaseURL
        let logger = self.logger
        let written = try await database.withControlTransaction { connection in
            try await Self.deliver(drafts, on: connection, publicBaseURL: publicBaseURL, logger: logger)
        }
        await publish(written)
        return written
    }

    /// Delivers one notification; nil when the user's preferences keep it out of the app (or its key was used).
    @discardableResult
    public func notify(
        userID: UUID, workspaceID: UUID? = nil, type: NotificationType, priority: NotificationPriority = .normal, title: String,
        body: String = "", data: [String: String] = [:], onceKey: String? = nil
    ) async throws -> UserNotification? {
        try await notify([NotificationDraft(
            userID: userID, workspaceID: workspaceID, type: type, priority: priority, title: title, body: body, data: data, onceKey: onceKey)]).first
    }

    /// Announces committed notifications on their users' topics. Never throws: a lost event is caught up by querying.
    func publish(_ notifications: [UserNotification]) async {
        for notification in notifications {
            do {
                await publisher.publish(BusMessage(topic: .notifications(userID: notification.userID), payload: try notification.payload))
            } catch {
                logger.error("notification not published", metadata: ["notification": "\(notification.id)", "error": "\(error)"])
            }
        }
    }

    /// Runs a producer, logging instead of throwing: producers run after the change they report has committed, and
    /// must not turn it into an error.
    func producing(_ what: String, _ body: () async throws -> [UserNotification]) async -> [UserNotification] {
        do {
            return try await body()
        } catch {
            logger.warning("notifications not delivered", metadata: ["producer": "\(what)", "error": "\(String(reflecting: error))"])
            return []
        }
    }
}
