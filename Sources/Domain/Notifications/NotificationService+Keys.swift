import Foundation
import PostgresNIO

extension NotificationService {
    /// The longest bill-reminder window, in days; a once-key older than this can never be claimed again.
    static let maximumReminderDays = 60

    /// Deletes once-keys older than `days` (at least 61, past the longest reminder window, so nothing deleted could
    /// be claimed again and repeat a notification); returns how many. For the scheduler's daily clean-up.
    @discardableResult
    public func purgeOnceKeys(olderThanDays days: Int = 90) async throws -> Int {
        guard days > Self.maximumReminderDays else {
            throw NotificationError.badInput("Keys younger than \(Self.maximumReminderDays + 1) days may still be claimed.", field: "olderThanDays")
        }
        let rows = try await database.client.query(
            """
            WITH purged AS (
                DELETE FROM control.notification_keys WHERE created_at < now() - make_interval(days => \(Int32(days))) RETURNING 1
            )
            SELECT count(*)::int8 FROM purged
            """, logger: logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var purged = 0
        for try await count in rows.decode(Int64.self) { purged = Int(count) }
        return purged
    }
}
