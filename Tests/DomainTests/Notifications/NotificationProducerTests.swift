import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// Who hears of what: bill reminders, invitations, advisor access and imports.
@Suite struct NotificationProducerTests {
    @Test func billRemindersComeOncePerOccurrenceWithinTheWindowOnly() async throws {
        let books = try await LedgerFixture.make()
        let fixture = try await NotificationFixture.make()
        _ = try await fixture.service.setPreference(userID: books.owner.id, type: .systemAnnouncement, inApp: false, email: false)
        let account = try await books.account("Joint")
        let today = CalendarDate.today
        let rule = { (payee: String, kind: TransactionKind, start: CalendarDate) in
            try await books.ledger.createRecurringRule(books.access, RecurringInput(
                accountID: account.id, kind: kind, amount: "1200", payee: payee, frequency: .monthly, start: start))
        }
        let rent = try await rule("Rent", .expense, today.adding(days: 3))
        _ = try await rule("Insurance", .expense, today.adding(days: 10))
        _ = try await rule("Salary", .income, today.adding(days: 2))
        let paused = try await rule("Gym", .expense, today.adding(days: 1))
        _ = try await books.ledger.setRecurringRulePaused(books.access, id: paused.id, paused: true)

        // A second workspace with a bill due the day after tomorrow, so one run covers two workspaces. (The runs here
        // name their workspaces: a run over every workspace of the shared test database takes some 20 s and enters
        // every workspace's role, which would disturb the tests that count a workspace role's statements.)
        let other = try await LedgerFixture.make()
        _ = try await fixture.service.setPreference(userID: other.owner.id, type: .systemAnnouncement, inApp: false, email: false)
        let otherAccount = try await other.account("Cash")
        let water = try await other.ledger.createRecurringRule(other.access, RecurringInput(
            accountID: otherAccount.id, kind: .expense, amount: "30", payee: "Water", frequency: .monthly, start: today.adding(days: 2)))
        let both = [books.access.workspace.id, other.access.workspace.id]

        let first = try await fixture.service.remindUpcomingBills(daysAhead: 7, asOf: today, workspaceIDs: both)
        #expect(first == BillReminderRun(workspacesScanned: 2, dueOccurrences: 2, notificationsWritten: 2, failedWorkspaces: []))
        let theirs = try await fixture.service.notifications(userID: other.owner.id).items.map(\.item)
        #expect(theirs.map(\.type) == [.billReminder] && theirs.first?.data["ruleId"] == water.id.uuidString.lowercased())
        let reminders = try await fixture.service.notifications(userID: books.owner.id).items.map(\.item).filter { $0.type == .billReminder }
        #expect(reminders.count == 1, "\(reminders.map(\.title))")
        let reminder = try #require(reminders.first)
        #expect(reminder.data["ruleId"] == rent.id.uuidString.lowercased() && reminder.data["dueDate"] == today.adding(days: 3).iso)
        #expect(reminder.data["amount"] == "1200.00" && reminder.data["currency"] == "USD" && reminder.workspaceID == books.access.workspace.id)
        #expect(reminder.title == "Rent: 1200.00 USD due in 3 days" && reminder.body.contains("from Joint"))

        // Again: the occurrences are still due, and nothing new is written (the once-key per occurrence holds).
        let again = try await fixture.service.remindUpcomingBills(daysAhead: 7, asOf: today, workspaceIDs: both)
        #expect(again == BillReminderRun(workspacesScanned: 2, dueOccurrences: 2, notificationsWritten: 0, failedWorkspaces: []))
        #expect(try await fixture.storedIDs(books.owner.id, type: .billReminder) == [reminder.id])
        #expect(try await fixture.storedIDs(other.owner.id, type: .billReminder).count == 1)
        // Again for this workspace alone, a day later: the same occurrence, now in 2 days, is still not repeated.
        let later = try await fixture.service.remindUpcomingBills(daysAhead: 7, asOf: today.adding(days: 1), workspaceIDs: [books.access.workspace.id])
        #expect(later.workspacesScanned == 1 && later.dueOccurrences == 1 && later.notificationsWritten == 0)
        // The rule due in 10 days enters a 10-day window.
        let wider = try await fixture.service.remindUpcomingBills(daysAhead: 10, asOf: today, workspaceIDs: [books.access.workspace.id])
        #expect(wider.notificationsWritten == 1)
        #expect(await notificationError { _ = try await fixture.service.remindUpcomingBills(daysAhead: 61) }?.field == "daysAhead")
    }

    @Test func anInviteeWithAnAccountHearsOfTheInvitation() async throws {
        let fixture = try await NotificationFixture.make()
        let tenancy = try TenancyServiceTests.service(fixture.database)
        let owner = try await fixture.user("inviter")
        let invitee = try await fixture.user("invitee")
        let workspace = try await tenancy.createWorkspace(creator: owner, name: "Studio", kind: .business, origin: .system)
        let access = try #require(try await tenancy.access(userID: owner.id, workspaceID: workspace.id))

        let issued = try await tenancy.invite(access, email: invitee.email.uppercased(), role: .member, origin: .system)
        let notification = try #require(await fixture.service.memberInvited(issued.invitation, workspace: workspace))
        #expect(notification.userID == invitee.id && notification.type == .memberInvited && notification.title == "You are invited to Studio")
        #expect(notification.body.hasPrefix("inviter invited you") && notification.data["invitationId"] == issued.invitation.id.uuidString.lowercased())
        // An address without an account: nobody to tell in the app (the invitation mail is all).
        let stranger = try await tenancy.invite(access, email: TestStack.uniqueEmail("nobody"), role: .viewer, origin: .system)
        #expect(await fixture.service.memberInvited(stranger.invitation, workspace: workspace) == nil)
    }

    @Test func clientOwnersHearOfAGrantAndOfItsUseOncePerDay() async throws {
        let fixture = try await NotificationFixture.make()
        let tenancy = try TenancyServiceTests.service(fixture.database)
        let owner = try await fixture.user("client-owner")
        let coOwner = try await fixture.user("client-co-owner")
        let admin = try await fixture.user("client-admin")
        let advisor = try await fixture.user("advisor")
        let client = try await tenancy.createWorkspace(creator: owner, name: "Client books", kind: .business, origin: .system)
        let practice = try await tenancy.createWorkspace(creator: advisor, name: "Practice", kind: .advisor, origin: .system)
        try await fixture.database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(client.id), \(coOwner.id), 'OWNER'), (\(client.id), \(admin.id), 'ADMIN')",
                logger: TestStack.logger)
        }
        let ownerAccess = try #require(try await tenancy.access(userID: owner.id, workspaceID: client.id))
        let offered = try await tenancy.offerAdvisorAccess(ownerAccess, advisorWorkspaceID: practice.id, access: .read, expiresAt: nil, origin: .system)
        #expect(await fixture.service.advisorAccessGranted(offered).isEmpty, "a pending grant is not access yet")
        let grant = try await tenancy.respondToGrant(grantID: offered.id, accept: true, userID: advisor.id, origin: .system)

        let granted = await fixture.service.advisorAccessGranted(grant)
        #expect(Set(granted.map(\.userID)) == [owner.id, coOwner.id], "owners only")
        #expect(granted.allSatisfy { $0.type == .advisorAccessGranted && $0.title == "Practice can now read Client books" && $0.workspaceID == client.id })

        let advisorAccess = try #require(try await tenancy.access(userID: advisor.id, workspaceID: client.id))
        #expect(advisorAccess.grantID == grant.id)
        let today = CalendarDate.today
        let used = await fixture.service.advisorAccessUsed(advisorAccess, on: today)
        #expect(Set(used.map(\.userID)) == [owner.id, coOwner.id] && used.allSatisfy { $0.type == .advisorAccessUsed && $0.priority == .low })
        // The same day again (a fresh service, so the process memo is not what stops it): nothing.
        let elsewhere = try await NotificationFixture.make()
        #expect(await elsewhere.service.advisorAccessUsed(advisorAccess, on: today).isEmpty)
        #expect(await fixture.service.advisorAccessUsed(advisorAccess, on: today).isEmpty)
        // The next day: once more.
        #expect(await fixture.service.advisorAccessUsed(advisorAccess, on: today.adding(days: 1)).count == 2)
        #expect(try await fixture.storedIDs(owner.id, type: .advisorAccessUsed).count == 2)
        #expect(try await fixture.storedIDs(admin.id).isEmpty)
        // A member's own access is no advisor's.
        #expect(await fixture.service.advisorAccessUsed(ownerAccess).isEmpty)
    }

    @Test func theUserWhoCommittedAnImportHearsItFinished() async throws {
        let books = try await LedgerFixture.make()
        let fixture = try await NotificationFixture.make()
        let account = try await books.account()
        let upload = try await books.ledger.uploadImport(
            books.access, fileName: "june.csv", content: Array("Date,Payee,Amount\n2026-06-02,Bakery,-3.50\n2026-06-03,Cafe,-2.00\n".utf8))
        #expect(await fixture.service.importFinished(upload, access: books.access) == nil, "not committed yet")
        let committed = try await books.ledger.commitImport(books.access, importID: upload.id, accountID: account.id, mapping: nil)
        let notification = try #require(await fixture.service.importFinished(committed, access: books.access))
        #expect(notification.userID == books.owner.id && notification.type == .importFinished && notification.title == "Import of june.csv finished")
        #expect(notification.data["addedCount"] == "2" && notification.body.hasPrefix("2 transactions added and 0 already in the account skipped"))
    }
}
