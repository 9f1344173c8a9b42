import Foundation
import PostgresNIO

extension NotificationService {
    /// Sends a system announcement to every enabled user: one statement inserts all the in-app rows (users who turned
    /// announcements off in the app get none), mails go to verified addresses whose preference has e-mail on, and the
    /// announcement is audited, all in one transaction; then each row is published. Needs platform ADMIN. Returns how
    /// many users got it in the app. `recipients` narrows the audience to those users (a notice for a cohort); nil
    /// means everyone.
    public func announce(
        actor: User, title: String, body: String, priority: NotificationPriority = .normal, origin: ClientOrigin,
        recipients: [UUID]? = nil
    ) async throws -> Int {
        guard actor.platformRole.satisfies(.admin) else { throw NotificationError.forbidden }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else { throw NotificationError.badInput("title must be 1 to 200 characters.", field: "title") }
        guard body.count <= 4_000 else { throw NotificationError.badInput("body must be at most 4000 characters.", field: "body") }
        let type = NotificationType.systemAnnouncement
        let defaults = type.defaultChannels
        let draft = NotificationDraft(userID: actor.id, type: type, priority: priority, title: title, body: body)
        let (logger, publicBaseURL) = (self.logger, self.publicBaseURL)
        let written = try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO control.notifications (user_id, type, priority, title, body)
                SELECT u.id, \(type.rawValue), \(priority.rawValue), \(title), \(body)
                FROM control.users u
                LEFT JOIN control.notification_preferences p ON p.user_id = u.id AND p.type = \(type.rawValue)
                WHERE u.disabled_at IS NULL AND coalesce(p.in_app, \(defaults.inApp))
                  AND (\(recipients == nil) OR u.id = ANY(\(recipients ?? [])))
                RETURNING \(unescaped: Self.columns)
                """, logger: logger)
            let written = try await Self.notifications(rows)
            let mailRows = try await connection.query(
                """
                SELECT u.email, u.display_name
                FROM control.users u
                LEFT JOIN control.notification_preferences p ON p.user_id = u.id AND p.type = \(type.rawValue)
                WHERE u.disabled_at IS NULL AND u.email_verified_at IS NOT NULL AND coalesce(p.email, \(defaults.email))
                  AND (\(recipients == nil) OR u.id = ANY(\(recipients ?? [])))
                """, logger: logger)
            var mails: [Mail] = []
            for try await (email, name) in mailRows.decode((String, String).self) {
                mails.append(NotificationMails.mail(to: email, displayName: name, draft: draft, publicBaseURL: publicBaseURL))
            }
            for mail in mails { try await MailOutbox.enqueue(mail, on: connection, logger: logger) }
            try await AuditLog.record(
                AuditEvent("admin.announcement_sent", actor: actor.id, origin: origin, targetType: "announcement",
                           details: ["title": title, "priority": priority.rawValue, "in_app": String(written.count), "emails": String(mails.count)]),
                on: connection, logger: logger)
            return written
        }
        await publish(written)
        return written.count
    }
}
