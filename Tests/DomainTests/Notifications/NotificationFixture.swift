import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// A notification service over the shared test database, publishing to an in-process bus the test can subscribe to.
struct NotificationFixture {
    let database: Database
    let bus: LocalEventBus
    let service: NotificationService

    static func make(publisher: (any EventPublisher)? = nil) async throws -> NotificationFixture {
        let database = try await TestStack.database()
        let bus = LocalEventBus()
        return NotificationFixture(
            database: database, bus: bus,
            service: NotificationService(database: database, publisher: publisher ?? bus, publicBaseURL: "https://app.example.test", logger: TestStack.logger))
    }

    /// A fresh user; `verified` confirms the address (mail goes only to verified ones). Announcements are switched
    /// off in the app for them, because the role-matrix test may announce to every user while this test counts.
    func user(_ name: String = "notified", verified: Bool = false) async throws -> User {
        let user = try await TenancyServiceTests.user(database, name: name)
        if verified {
            try await database.withControlTransaction { connection in
                try await connection.query("UPDATE control.users SET email_verified_at = now() WHERE id = \(user.id)", logger: TestStack.logger)
            }
        }
        _ = try await service.setPreference(userID: user.id, type: .systemAnnouncement, inApp: false, email: false)
        return user
    }

    /// The ids of every notification of the user, oldest first, read straight from the table.
    func storedIDs(_ userID: UUID, type: NotificationType? = nil) async throws -> [Int64] {
        let rows = try await database.client.query(
            """
            SELECT id FROM control.notifications WHERE user_id = \(userID) AND (\(type?.rawValue)::text IS NULL OR type = \(type?.rawValue))
            ORDER BY id
            """, logger: TestStack.logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// The outbox mails to `email`, as (template, subject, body), oldest first.
    func mails(to email: String) async throws -> [(template: String, subject: String, body: String)] {
        let rows = try await database.client.query(
            "SELECT template, subject, text_body FROM control.mail_outbox WHERE lower(to_address) = lower(\(email)) ORDER BY id",
            logger: TestStack.logger)
        var mails: [(String, String, String)] = []
        for try await row in rows.decode((String, String, String).self) { mails.append(row) }
        return mails.map { (template: $0.0, subject: $0.1, body: $0.2) }
    }
}

/// The notification error `body` threw, or nil when it threw none or another kind.
func notificationError(_ body: () async throws -> Void) async -> NotificationError? {
    do {
        try await body()
        return nil
    } catch let error as NotificationError {
        return error
    } catch {
        return nil
    }
}
