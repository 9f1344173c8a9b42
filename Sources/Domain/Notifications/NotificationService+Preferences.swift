import Foundation
import PostgresNIO

extension NotificationService {
    /// The user's channels for every type (their choice, or the type's default), in the order of `NotificationType`.
    public func preferences(userID: UUID) async throws -> [NotificationPreference] {
        let rows = try await database.client.query(
            "SELECT type, in_app, email FROM control.notification_preferences WHERE user_id = \(userID)", logger: logger)
        var chosen: [NotificationType: NotificationChannels] = [:]
        for try await (type, inApp, email) in rows.decode((String, Bool, Bool).self) {
            if let type = NotificationType(rawValue: type) { chosen[type] = NotificationChannels(inApp: inApp, email: email) }
        }
        return NotificationType.allCases.map { type in
            NotificationPreference(type: type, channels: chosen[type] ?? type.defaultChannels, isDefault: chosen[type] == nil)
        }
    }

    /// Sets the user's channels for one type; a channel left nil keeps its current value (or the default).
    public func setPreference(userID: UUID, type: NotificationType, inApp: Bool?, email: Bool?) async throws -> NotificationPreference {
        let defaults = type.defaultChannels
        let rows = try await database.client.query(
            """
            INSERT INTO control.notification_preferences (user_id, type, in_app, email)
            VALUES (\(userID), \(type.rawValue), coalesce(\(inApp), \(defaults.inApp)), coalesce(\(email), \(defaults.email)))
            ON CONFLICT (user_id, type) DO UPDATE SET
                in_app = coalesce(\(inApp), notification_preferences.in_app),
                email = coalesce(\(email), notification_preferences.email),
                updated_at = now()
            RETURNING in_app, email
            """, logger: logger)
        for try await (inApp, email) in rows.decode((Bool, Bool).self) {
            return NotificationPreference(type: type, channels: NotificationChannels(inApp: inApp, email: email), isDefault: false)
        }
        throw NotificationError(.internalError, "The preference was not stored.")
    }
}
