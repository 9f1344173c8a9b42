import Foundation

/// `notifications.bill_reminders`: reminds workspace owners of recurring bills due within `daysAhead` days (3 by
/// default), once per occurrence however often it runs, and afterwards forgets the once-only keys older than 90 days.
public struct BillReminderJob: JobHandler {
    /// How far ahead to look.
    public struct Payload: Codable, Sendable, Equatable {
        public var daysAhead: Int?

        /// Reminders for bills due within `daysAhead` days (3 when nil).
        public init(daysAhead: Int? = nil) { self.daysAhead = daysAhead }
    }

    public static let kind = "notifications.bill_reminders"
    public var kind: String { Self.kind }
    public let notifications: NotificationService

    /// A handler notifying through `notifications`.
    public init(notifications: NotificationService) { self.notifications = notifications }

    /// Scans every workspace's active expense rules and notifies their owners.
    public func run(_ payload: Payload, context: JobContext) async throws {
        let run = try await notifications.remindUpcomingBills(daysAhead: payload.daysAhead ?? 3, asOf: .today)
        let purged = try await notifications.purgeOnceKeys()
        context.logger.info("bill reminders sent", metadata: ["run": "\(run)", "keys_purged": "\(purged)"])
    }
}
