import Foundation
import Logging
import PostgresNIO

extension NotificationService {
    static let columns = "id, user_id, workspace_id, type, priority, title, body, data::text, created_at, read_at"
    typealias Row = (Int64, UUID, UUID?, String, String, String, String, String, Date, Date?)

    /// A notification from a row of `columns`; nil for a type or priority this build does not know.
    static func notification(_ row: Row) -> UserNotification? {
        guard let type = NotificationType(rawValue: row.3), let priority = NotificationPriority(rawValue: row.4) else { return nil }
        let data = (try? JSONDecoder().decode([String: String].self, from: Data(row.7.utf8))) ?? [:]
        return UserNotification(
            id: row.0, userID: row.1, workspaceID: row.2, type: type, priority: priority, title: row.5, body: row.6, data: data,
            createdAt: row.8, readAt: row.9)
    }

    /// Notifications from rows of `columns`, in row order.
    static func notifications(_ rows: PostgresRowSequence) async throws -> [UserNotification] {
        var result: [UserNotification] = []
        for try await row in rows.decode(Row.self) {
            if let notification = notification(row) { result.append(notification) }
        }
        return result
    }

    /// Writes `drafts` inside the caller's open control transaction: looks up the recipients and their preferences,
    /// claims once-keys, inserts the in-app rows in one statement and queues the mails. Returns the rows written, by id;
    /// publish them after the transaction commits.
    static func deliver(
        _ drafts: [NotificationDraft], on connection: PostgresConnection, publicBaseURL: String, logger: Logger
    ) async throws -> [UserNotification] {
        // The same key twice for one user in one batch is one notification.
        var seen = Set<KeyClaim>()
        var pending = drafts.filter { draft in draft.onceKey.map { seen.insert(KeyClaim(userID: draft.userID, key: $0)).inserted } ?? true }
        let recipients = try await self.recipients(
            users: Array(Set(pending.map(\.userID))), types: Array(Set(pending.map(\.type))), on: connection, logger: logger)
        pending = pending.filter { recipients[$0.userID] != nil }

        let keyed = pending.compactMap { draft in draft.onceKey.map { KeyClaim(userID: draft.userID, key: $0) } }
        if !keyed.isEmpty {
            let rows = try await connection.query(
                """
                INSERT INTO control.notification_keys (user_id, key)
                SELECT * FROM unnest(\(keyed.map(\.userID))::uuid[], \(keyed.map(\.key))::text[])
                ON CONFLICT DO NOTHING
                RETURNING user_id, key
                """, logger: logger)
            var claimed = Set<KeyClaim>()
            for try await (user, key) in rows.decode((UUID, String).self) { claimed.insert(KeyClaim(userID: user, key: key)) }
            pending = pending.filter { draft in draft.onceKey.map { claimed.contains(KeyClaim(userID: draft.userID, key: $0)) } ?? true }
        }

        let inApp = pending.filter { recipients[$0.userID]?.channels($0.type).inApp == true }
        var written: [UserNotification] = []
        if !inApp.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try inApp.map { String(decoding: try encoder.encode($0.data), as: UTF8.self) }
            let rows = try await connection.query(
                """
                INSERT INTO control.notifications (user_id, workspace_id, type, priority, title, body, data)
                SELECT u, NULLIF(w, '')::uuid, t, p, ti, b, d::jsonb
                FROM unnest(\(inApp.map(\.userID))::uuid[], \(inApp.map { $0.workspaceID?.uuidString ?? "" })::text[],
                            \(inApp.map(\.type.rawValue))::text[], \(inApp.map(\.priority.rawValue))::text[], \(inApp.map(\.title))::text[],
                            \(inApp.map(\.body))::text[], \(data)::text[]) AS x (u, w, t, p, ti, b, d)
                RETURNING \(unescaped: columns)
                """, logger: logger)
            written = try await notifications(rows).sorted { $0.id < $1.id }
        }

        for draft in pending {
            guard let recipient = recipients[draft.userID], recipient.mailable, recipient.channels(draft.type).email else { continue }
            try await MailOutbox.enqueue(
                NotificationMails.mail(to: recipient.email, displayName: recipient.displayName, draft: draft, publicBaseURL: publicBaseURL),
                on: connection, logger: logger)
        }
        return written
    }

    /// The users among `users` that exist, with their address and their stored preferences for `types`.
    static func recipients(
        users: [UUID], types: [NotificationType], on connection: PostgresConnection, logger: Logger
    ) async throws -> [UUID: Recipient] {
        guard !users.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT u.id, u.email, u.display_name, u.email_verified_at IS NOT NULL AND u.disabled_at IS NULL, p.type, p.in_app, p.email
            FROM control.users u
            LEFT JOIN control.notification_preferences p ON p.user_id = u.id AND p.type = ANY(\(types.map(\.rawValue))::text[])
            WHERE u.id = ANY(\(users)::uuid[])
            """, logger: logger)
        var result: [UUID: Recipient] = [:]
        for try await (id, email, name, mailable, type, inApp, mail) in rows.decode((UUID, String, String, Bool, String?, Bool?, Bool?).self) {
            var recipient = result[id] ?? Recipient(email: email, displayName: name, mailable: mailable, chosen: [:])
            if let type = type.flatMap(NotificationType.init(rawValue:)), let inApp, let mail {
                recipient.chosen[type] = NotificationChannels(inApp: inApp, email: mail)
            }
            result[id] = recipient
        }
        return result
    }

    /// A recipient as delivery needs them.
    struct Recipient {
        let email: String
        let displayName: String
        /// A verified address on an enabled account: mail may go there.
        let mailable: Bool
        /// The preferences the user stored; other types use their defaults.
        var chosen: [NotificationType: NotificationChannels]

        func channels(_ type: NotificationType) -> NotificationChannels { chosen[type] ?? type.defaultChannels }
    }

    /// A once-key claimed for one user.
    struct KeyClaim: Hashable {
        let userID: UUID
        let key: String
    }
}
