import Domain
import Foundation
import Persistence
import PostgresNIO
import Synchronization
import Testing
import TestSupport

/// Writing, publishing, listing and marking notifications, and the channel preferences, against PostgreSQL.
@Suite struct NotificationServiceTests {
    /// A publisher that, for every message, checks from another connection whether the notification is already
    /// committed, then hands the message on to a local bus.
    final class CommitCheckingPublisher: EventPublisher {
        let database: Database
        let bus = LocalEventBus()
        let visibleAtPublish = Mutex<[Int64: Bool]>([:])

        init(database: Database) { self.database = database }

        func publish(_ message: BusMessage) async {
            guard let notification = try? UserNotification(payload: message.payload) else { return }
            var visible = false
            do {
                let rows = try await database.client.query(
                    "SELECT count(*)::int8 FROM control.notifications WHERE id = \(notification.id)", logger: TestStack.logger)
                for try await count in rows.decode(Int64.self) { visible = count == 1 }
            } catch {
                visible = false
            }
            visibleAtPublish.withLock { $0[notification.id] = visible }
            await bus.publish(message)
        }
    }

    @Test func notifyWritesTheRowAndPublishesItOnlyAfterCommit() async throws {
        let database = try await TestStack.database()
        let publisher = CommitCheckingPublisher(database: database)
        let fixture = try await NotificationFixture.make(publisher: publisher)
        let user = try await fixture.user()
        let other = try await fixture.user("bystander")
        var mine = publisher.bus.subscribe(to: .notifications(userID: user.id)).makeAsyncIterator()
        var theirs = publisher.bus.subscribe(to: .notifications(userID: other.id)).makeAsyncIterator()

        let written = try #require(try await fixture.service.notify(
            userID: user.id, type: .importFinished, priority: .low, title: "Import of june.csv finished", body: "12 added.",
            data: ["importId": "abc", "addedCount": "12"]))
        #expect(try await fixture.storedIDs(user.id) == [written.id])
        #expect(written.readAt == nil && written.type == .importFinished && written.priority == .low && written.workspaceID == nil)

        let message = try #require(await mine.next())
        #expect(message.topic == .notifications(userID: user.id))
        #expect(publisher.visibleAtPublish.withLock { $0[written.id] } == true, "published before the row was committed")
        let decoded = try UserNotification(payload: message.payload)
        #expect(decoded.id == written.id && decoded.userID == user.id && decoded.workspaceID == nil)
        #expect(decoded.type == written.type && decoded.priority == written.priority)
        #expect(decoded.title == written.title && decoded.body == written.body && decoded.data == written.data && decoded.readAt == nil)
        #expect(abs(decoded.createdAt.timeIntervalSince(written.createdAt)) < 0.001)
        // The payload is the documented shape, nulls written out.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "userId", "workspaceId", "type", "priority", "title", "body", "data", "createdAt", "readAt"])
        #expect(object["id"] as? String == String(written.id) && object["workspaceId"] is NSNull && object["type"] as? String == "IMPORT_FINISHED")
        #expect(object["userId"] as? String == user.id.uuidString.lowercased())

        // Nothing on another user's topic: a second notification for the other user is the first thing it hears.
        let second = try #require(try await fixture.service.notify(userID: other.id, type: .billReminder, title: "Rent due"))
        #expect(try UserNotification(payload: try #require(await theirs.next()).payload).id == second.id)
    }

    @Test func aPayloadThatIsNotANotificationDoesNotDecode() {
        #expect(throws: (any Error).self) { try UserNotification(payload: Array(#"{"id":"x"}"#.utf8)) }
        #expect(throws: (any Error).self) { try UserNotification(payload: Array("not json".utf8)) }
    }

    @Test func preferencesDecideTheChannels() async throws {
        let fixture = try await NotificationFixture.make()
        let verified = try await fixture.user("verified", verified: true)
        let unverified = try await fixture.user("unverified")

        // Defaults: budget thresholds in the app and by e-mail, imports in the app only.
        let defaults = try await fixture.service.preferences(userID: unverified.id)
        #expect(defaults.map(\.type) == NotificationType.allCases)
        #expect(defaults.first { $0.type == .budgetThreshold }?.channels == NotificationChannels(inApp: true, email: true))
        #expect(defaults.first { $0.type == .importFinished }?.channels == NotificationChannels(inApp: true, email: false))
        #expect(defaults.first { $0.type == .systemAnnouncement }?.isDefault == false)
        #expect(defaults.filter(\.isDefault).count == NotificationType.allCases.count - 1)

        // E-mail on (the default) and a verified address: a row and a mail, in the type's template.
        let threshold = try await fixture.service.notify(userID: verified.id, type: .budgetThreshold, title: "Groceries at 80 %", body: "80.00 USD spent.")
        #expect(threshold != nil)
        let mails = try await fixture.mails(to: verified.email)
        #expect(mails.map(\.template) == ["notification_budget_threshold"])
        #expect(mails.first?.subject == "Groceries at 80 %" && mails.first?.body.contains("80.00 USD spent.") == true)
        #expect(mails.first?.body.contains("https://app.example.test/settings/notifications") == true)
        // The same for an unverified address: the row, no mail.
        #expect(try await fixture.service.notify(userID: unverified.id, type: .budgetThreshold, title: "Groceries at 80 %") != nil)
        #expect(try await fixture.mails(to: unverified.email).isEmpty)

        // In-app off: no row at all; e-mail on: the mail still goes.
        let chosen = try await fixture.service.setPreference(userID: verified.id, type: .importFinished, inApp: false, email: true)
        #expect(chosen.channels == NotificationChannels(inApp: false, email: true) && !chosen.isDefault)
        var heard = fixture.bus.subscribe(to: .notifications(userID: verified.id)).makeAsyncIterator()
        #expect(try await fixture.service.notify(userID: verified.id, type: .importFinished, title: "Import finished") == nil)
        #expect(try await fixture.storedIDs(verified.id, type: .importFinished).isEmpty)
        #expect(try await fixture.mails(to: verified.email).map(\.template) == ["notification_budget_threshold", "notification_import_finished"])
        // Nothing was published for it: the next thing heard is the next row written.
        let next = try #require(try await fixture.service.notify(userID: verified.id, type: .billReminder, title: "Rent due"))
        #expect(try UserNotification(payload: try #require(await heard.next()).payload).id == next.id)

        // A channel left out keeps its value.
        let partly = try await fixture.service.setPreference(userID: verified.id, type: .importFinished, inApp: true, email: nil)
        #expect(partly.channels == NotificationChannels(inApp: true, email: true))
        #expect(try await fixture.service.preferences(userID: verified.id).first { $0.type == .importFinished }?.channels == partly.channels)
    }

    @Test func aOnceKeyDeliversOncePerUserOnEveryChannel() async throws {
        let fixture = try await NotificationFixture.make()
        let user = try await fixture.user("once", verified: true)
        let other = try await fixture.user("once-other")
        let draft = { (userID: UUID) in NotificationDraft(userID: userID, type: .billReminder, title: "Rent due in 3 days", onceKey: "bill_reminder:test:1") }
        #expect(try await fixture.service.notify([draft(user.id), draft(user.id), draft(other.id)]).count == 2)
        #expect(try await fixture.service.notify([draft(user.id)]).isEmpty)
        #expect(try await fixture.storedIDs(user.id).count == 1)
        #expect(try await fixture.mails(to: user.email).count == 1, "one mail, not one per attempt")
        // Once the key is purged (it is old enough never to be claimed again), the same key delivers again.
        try await fixture.database.withControlTransaction { connection in
            try await connection.query(
                "UPDATE control.notification_keys SET created_at = now() - interval '91 days' WHERE user_id = \(user.id)", logger: TestStack.logger)
        }
        #expect(try await fixture.service.purgeOnceKeys(olderThanDays: 90) >= 1)
        #expect(try await fixture.service.notify([draft(user.id), draft(other.id)]).map(\.userID) == [user.id])
        #expect(await notificationError { _ = try await fixture.service.purgeOnceKeys(olderThanDays: 60) }?.code == .badUserInput)
        // A user that does not exist is left out, not an error.
        #expect(try await fixture.service.notify(userID: UUID(), type: .billReminder, title: "Nobody") == nil)
    }

    @Test func afterListsExactlyWhatCameAfterInOrderAndTheInboxPagesBackwards() async throws {
        let fixture = try await NotificationFixture.make()
        let user = try await fixture.user("pages")
        var ids: [Int64] = []
        for n in 1...5 {
            ids.append(try #require(try await fixture.service.notify(userID: user.id, type: .billReminder, title: "Bill \(n)")).id)
        }
        #expect(ids == ids.sorted())

        let missed = try await fixture.service.notifications(userID: user.id, range: .after(ids[1]), first: 2)
        #expect(missed.items.map(\.item.id) == [ids[2], ids[3]] && missed.items.map(\.cursor) == [String(ids[2]), String(ids[3])])
        #expect(missed.hasNextPage && missed.totalCount == 5)
        let rest = try await fixture.service.notifications(userID: user.id, range: .after(ids[3]), first: 2)
        #expect(rest.items.map(\.item.id) == [ids[4]] && !rest.hasNextPage)
        #expect(try await fixture.service.notifications(userID: user.id, range: .after(ids[4])).items.isEmpty)
        #expect(try await fixture.service.notifications(userID: user.id, range: .after(0), first: 100).items.map(\.item.id) == ids)

        let inbox = try await fixture.service.notifications(userID: user.id, first: 2)
        #expect(inbox.items.map(\.item.id) == [ids[4], ids[3]] && inbox.hasNextPage)
        let older = try await fixture.service.notifications(userID: user.id, range: .before(ids[3]), first: 10)
        #expect(older.items.map(\.item.id) == [ids[2], ids[1], ids[0]] && !older.hasNextPage)

        #expect(await notificationError { _ = try await fixture.service.notifications(userID: user.id, first: 0) }?.field == "first")
        #expect(await notificationError { _ = try await fixture.service.notifications(userID: user.id, first: 101) }?.code == .badUserInput)
    }

    @Test func markingReadTouchesOnlyTheCallersOwnNotifications() async throws {
        let fixture = try await NotificationFixture.make()
        let owner = try await fixture.user("reader")
        let stranger = try await fixture.user("stranger")
        var mine: [Int64] = []
        for n in 1...4 { mine.append(try #require(try await fixture.service.notify(userID: owner.id, type: .billReminder, title: "Mine \(n)")).id) }
        let theirs = try #require(try await fixture.service.notify(userID: stranger.id, type: .billReminder, title: "Theirs"))
        #expect(try await fixture.service.unreadCount(userID: owner.id) == 4)

        let read = try await fixture.service.markRead(id: mine[0], userID: owner.id)
        let readAt = try #require(read.readAt)
        #expect(try await fixture.service.markRead(id: mine[0], userID: owner.id).readAt == readAt, "marking again keeps the first time")
        #expect(try await fixture.service.unreadCount(userID: owner.id) == 3)

        // Someone else's id is NOT_FOUND, as an unknown one is, and changes nothing.
        #expect(await notificationError { _ = try await fixture.service.markRead(id: theirs.id, userID: owner.id) } == .notFound)
        #expect(await notificationError { _ = try await fixture.service.markRead(id: Int64.max, userID: owner.id) } == .notFound)
        #expect(try await fixture.service.notifications(userID: stranger.id).items.map(\.item.readAt) == [nil])

        // Up to an id: the one after it stays unread; then all; the stranger's stays unread throughout.
        #expect(try await fixture.service.markAllRead(userID: owner.id, upTo: mine[2]) == 2)
        #expect(try await fixture.service.notifications(userID: owner.id, unreadOnly: true).items.map(\.item.id) == [mine[3]])
        #expect(try await fixture.service.markAllRead(userID: owner.id) == 1)
        #expect(try await fixture.service.unreadCount(userID: owner.id) == 0)
        #expect(try await fixture.service.notifications(userID: owner.id, unreadOnly: true).totalCount == 0)
        #expect(try await fixture.service.notifications(userID: owner.id).totalCount == 4)
        #expect(try await fixture.service.unreadCount(userID: stranger.id) == 1)
    }

    @Test func announcementsReachEveryEnabledUserWhoKeepsThemOnAndNeedAnAdmin() async throws {
        let fixture = try await NotificationFixture.make()
        let admin = try await fixture.user("announcer")
        let listener = try await TenancyServiceTests.user(fixture.database, name: "listener")
        let mailed = try await TenancyServiceTests.user(fixture.database, name: "mailed")
        let optedOut = try await fixture.user("opted-out")
        try await fixture.database.withControlTransaction { connection in
            try await connection.query("UPDATE control.users SET platform_role = 'ADMIN' WHERE id = \(admin.id)", logger: TestStack.logger)
            try await connection.query("UPDATE control.users SET email_verified_at = now() WHERE id = \(mailed.id)", logger: TestStack.logger)
        }
        _ = try await fixture.service.setPreference(userID: mailed.id, type: .systemAnnouncement, inApp: true, email: true)
        let promoted = User(
            id: admin.id, email: admin.email, displayName: admin.displayName, platformRole: .admin, isBusiness: true,
            emailVerifiedAt: nil, disabledAt: nil, createdAt: admin.createdAt)

        #expect(await notificationError {
            _ = try await fixture.service.announce(actor: listener, title: "Hi", body: "", origin: .system)
        } == .forbidden)
        #expect(await notificationError { _ = try await fixture.service.announce(actor: promoted, title: " ", body: "", origin: .system) }?.field == "title")

        var heard = fixture.bus.subscribe(to: .notifications(userID: listener.id)).makeAsyncIterator()
        let title = "Maintenance \(UUID().uuidString.prefix(8))"
        // Addressed to this test's users only: an announcement to everyone would land in the inboxes other suites
        // count, while they run. The audience rule (enabled, announcements kept on) is the same either way.
        let disabled = try await TenancyServiceTests.user(fixture.database, name: "disabled")
        try await fixture.database.withControlTransaction { connection in
            try await connection.query("UPDATE control.users SET disabled_at = now() WHERE id = \(disabled.id)", logger: TestStack.logger)
        }
        let audience = [admin.id, listener.id, mailed.id, optedOut.id, disabled.id]
        let count = try await fixture.service.announce(
            actor: promoted, title: title, body: "Sunday 02:00 UTC.", priority: .high, origin: .system, recipients: audience)
        #expect(count == 2, "the listener and the mailed user; not those who opted out (the admin too), nor the disabled one")
        let received = try await fixture.service.notifications(userID: listener.id).items.map(\.item).filter { $0.title == title }
        #expect(received.count == 1 && received.first?.priority == .high && received.first?.type == .systemAnnouncement)
        #expect(try UserNotification(payload: try #require(await heard.next()).payload).title == title)
        #expect(try await fixture.storedIDs(optedOut.id, type: .systemAnnouncement).isEmpty)
        #expect(try await fixture.mails(to: mailed.email).map(\.subject) == [title])
        #expect(try await IdentityFixture.count(
            "SELECT count(*) FROM control.notifications WHERE title = \(title)") == count, "one statement's rows, nothing twice")
        #expect(try await IdentityFixture.auditCount("admin.announcement_sent", actor: admin.id) == 1)
    }
}
