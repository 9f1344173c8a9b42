import Domain
import Foundation
import GraphQLEngine
import Testing
import TestSupport

/// Notifications over HTTP: a budget crossing becomes a notification for the owners, read, paged and marked through
/// `me`, with preferences set through the API.
@Suite struct NotificationFlowTests {
    static let inbox = """
        query($first: Int, $after: ID, $before: ID, $unread: Boolean) { me {
          unreadNotificationCount
          notifications(first: $first, after: $after, before: $before, unreadOnly: $unread) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { cursor node { id type priority title body data workspace { id name } createdAt readAt } }
          }
        } }
        """

    /// The nodes of an inbox response.
    static func nodes(_ response: HTTPResult) -> [GraphQLValue] {
        response.data("me", "notifications", "edges").listValue.compactMap { $0["node"] }
    }

    /// Turns announcements off in the app for `user`: the role-matrix test may announce to every user at any moment.
    static func muteAnnouncements(_ client: GraphQLClient, _ user: TestUser) async throws {
        let muted = try await client.post(
            "mutation { setNotificationPreference(type: SYSTEM_ANNOUNCEMENT, inApp: false) { type inApp email isDefault } }", token: user.token)
        #expect(muted.errors.isEmpty, "\(muted.body)")
        #expect(muted.data("setNotificationPreference", "inApp").boolValue == false && muted.data("setNotificationPreference", "isDefault").boolValue == false)
    }

    @Test func aBudgetCrossingNotifiesTheOwnersAndIsReadThroughMe() async throws {
        try await APIHarness.withServer { client in
            let books = try await LedgerFlowTests.books(client)
            let w = GraphQLValue.string(books.workspace.apiIDForTests)
            let spender = try await client.signUp("spender")
            let admin = try await client.signUp("books-admin")
            let viewer = try await client.signUp("books-viewer")
            try await client.addMember(spender, to: books.workspace, role: .member)
            try await client.addMember(admin, to: books.workspace, role: .admin)
            try await client.addMember(viewer, to: books.workspace, role: .viewer)
            for user in [books.owner, spender, admin, viewer] { try await Self.muteAnnouncements(client, user) }

            let budget = try await client.post(
                #"mutation($w: ID!) { createBudget(workspaceId: $w, input: {name: "Everything", period: MONTHLY, amount: "100"}) { id } }"#,
                variables: ["w": w], token: books.owner.token)
            let budgetID = try #require(budget.data("createBudget", "id").stringValue, "\(budget.body)")
            let spend = { (amount: String) in
                try await client.post(
                    "mutation($w: ID!, $i: TransactionInput!) { createTransaction(workspaceId: $w, input: $i) { id } }",
                    variables: ["w": w, "i": [
                        "kind": .string("EXPENSE"), "accountId": .string(books.account), "date": .string(CalendarDate.today.iso), "amount": .string(amount),
                    ]], token: spender.token)
            }
            #expect(try await spend("85.00").errors.isEmpty)

            let first = try await client.post(Self.inbox, token: books.owner.token)
            #expect(first.errors.isEmpty, "\(first.body)")
            #expect(first.data("me", "unreadNotificationCount") == .int(1))
            let nodes = Self.nodes(first)
            #expect(nodes.count == 1 && first.data("me", "notifications", "totalCount") == .int(1))
            let node = try #require(nodes.first)
            #expect(node["type"]?.stringValue == "BUDGET_THRESHOLD" && node["priority"]?.stringValue == "NORMAL")
            #expect(node["title"]?.stringValue == "“Everything” is at 80 % of its budget", "\(first.body)")
            #expect(node["body"]?.stringValue?.contains("85.00 USD spent of 100.00 USD") == true, "\(first.body)")
            #expect(node["workspace"]?["id"]?.stringValue == books.workspace.apiIDForTests && node["readAt"] == .null)
            let data = try JSON.parse(try #require(node["data"]?.stringValue))
            #expect(data["budgetId"]?.stringValue == budgetID && data["threshold"]?.stringValue == "80" && data["spent"]?.stringValue == "85.00")
            let firstID = try #require(node["id"]?.stringValue)
            #expect(first.data("me", "notifications", "edges").listValue.first?["cursor"]?.stringValue == firstID)

            // The admin and the member who spent hear of it too; the viewer does not.
            for (user, expected) in [(admin, 1), (spender, 1), (viewer, 0)] {
                let theirs = try await client.post(Self.inbox, token: user.token)
                #expect(Self.nodes(theirs).filter { $0["type"]?.stringValue == "BUDGET_THRESHOLD" }.count == expected, "\(user.email): \(theirs.body)")
            }

            // Crossing 100 %: after the first id comes exactly the new one, HIGH.
            #expect(try await spend("20.00").errors.isEmpty)
            let missed = try await client.post(Self.inbox, variables: ["after": .string(firstID)], token: books.owner.token)
            let newer = Self.nodes(missed)
            #expect(newer.count == 1 && newer.first?["priority"]?.stringValue == "HIGH", "\(missed.body)")
            #expect(newer.first?["title"]?.stringValue == "“Everything” has used its whole budget")
            #expect(missed.data("me", "notifications", "pageInfo", "endCursor") == newer.first?["id"])
            let latestID = try #require(newer.first?["id"]?.stringValue)
            #expect(Self.nodes(try await client.post(Self.inbox, variables: ["after": .string(latestID)], token: books.owner.token)).isEmpty)
            // The inbox is newest first; `before` pages back.
            let page = try await client.post(Self.inbox, variables: ["first": 1], token: books.owner.token)
            #expect(Self.nodes(page).compactMap { $0["id"]?.stringValue } == [latestID] && page.data("me", "notifications", "pageInfo", "hasNextPage") == .bool(true))
            let back = try await client.post(Self.inbox, variables: ["before": .string(latestID)], token: books.owner.token)
            #expect(Self.nodes(back).compactMap { $0["id"]?.stringValue } == [firstID])

            // Mark one, then all.
            let marked = try await client.post("mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }", variables: ["id": .string(firstID)], token: books.owner.token)
            #expect(marked.data("markNotificationRead", "readAt").stringValue != nil, "\(marked.body)")
            let unread = try await client.post(Self.inbox, variables: ["unread": .bool(true)], token: books.owner.token)
            #expect(Self.nodes(unread).compactMap { $0["id"]?.stringValue } == [latestID] && unread.data("me", "unreadNotificationCount") == .int(1))
            let all = try await client.post("mutation { markAllNotificationsRead }", token: books.owner.token)
            #expect(all.data("markAllNotificationsRead") == .int(1), "\(all.body)")
            #expect(try await client.post(Self.inbox, token: books.owner.token).data("me", "unreadNotificationCount") == .int(0))

            // Bad cursors are the caller's mistake.
            let bad = try await client.post(Self.inbox, variables: ["after": .string("not-an-id")], token: books.owner.token)
            #expect(bad.codes == ["BAD_USER_INPUT"], "\(bad.body)")
            let both = try await client.post(Self.inbox, variables: ["after": .string(firstID), "before": .string(latestID)], token: books.owner.token)
            #expect(both.codes == ["BAD_USER_INPUT"], "\(both.body)")
        }
    }

    @Test func invitationsGrantsAdvisorVisitsAndImportsNotifyThePeopleConcerned() async throws {
        try await APIHarness.withServer { client in
            let owner = try await client.signUp("n-owner")
            let invitee = try await client.signUp("n-invitee")
            let advisor = try await client.signUp("n-advisor")
            for user in [owner, invitee, advisor] {
                try await client.promote(user)
                try await Self.muteAnnouncements(client, user)
            }
            let books = try await client.createWorkspace(owner, name: "Shop books")
            let practice = try await client.createWorkspace(advisor, name: "Advice & Co", kind: "ADVISOR")
            let w = GraphQLValue.string(books.apiIDForTests)
            let types = { (user: TestUser) async throws -> [String] in
                Self.nodes(try await client.post(Self.inbox, variables: ["first": 100], token: user.token)).compactMap { $0["type"]?.stringValue }
            }

            // An invitation to an address with an account: in the invitee's list (the workspace stays closed to them).
            let invited = try await client.post(
                "mutation($w: ID!, $e: String!) { inviteMember(workspaceId: $w, email: $e, role: MEMBER) { id } }",
                variables: ["w": w, "e": .string(invitee.email)], token: owner.token)
            #expect(invited.errors.isEmpty, "\(invited.body)")
            let inbox = try await client.post(Self.inbox, token: invitee.token)
            let invitation = try #require(Self.nodes(inbox).first)
            #expect(invitation["type"]?.stringValue == "MEMBER_INVITED" && invitation["title"]?.stringValue == "You are invited to Shop books")
            #expect(invitation["workspace"] == .null, "the invitee cannot open the workspace yet: \(inbox.body)")

            // The advisor accepts the owner's offer: the owner hears of it; then the advisor's visits, once a day.
            let offered = try await client.post(
                "mutation($w: ID!, $a: ID!) { offerAdvisorAccess(workspaceId: $w, advisorWorkspaceId: $a, access: ADVISOR_READ) { id } }",
                variables: ["w": w, "a": .string(practice.apiIDForTests)], token: owner.token)
            let grant = try #require(offered.data("offerAdvisorAccess", "id").stringValue, "\(offered.body)")
            let accepted = try await client.post(
                "mutation($g: ID!) { respondToAdvisorGrant(grantId: $g, accept: true) { status } }", variables: ["g": .string(grant)], token: advisor.token)
            #expect(accepted.data("respondToAdvisorGrant", "status").stringValue == "ACTIVE", "\(accepted.body)")
            #expect(try await types(owner) == ["ADVISOR_ACCESS_GRANTED"])
            for _ in 0..<3 {
                let visit = try await client.post("query($w: ID!) { workspace(id: $w) { name } }", variables: ["w": w], token: advisor.token)
                #expect(visit.data("workspace", "name").stringValue == "Shop books", "\(visit.body)")
            }
            #expect(try await types(owner) == ["ADVISOR_ACCESS_USED", "ADVISOR_ACCESS_GRANTED"])
            #expect(try await types(advisor).isEmpty)

            // The owner commits an import: they hear it finished.
            let account = try await client.post(
                #"mutation($w: ID!) { createAccount(workspaceId: $w, input: {name: "Till", kind: CASH, currency: "USD"}) { id } }"#,
                variables: ["w": w], token: owner.token)
            let accountID = try #require(account.data("createAccount", "id").stringValue, "\(account.body)")
            let upload = try await client.post(
                "mutation($w: ID!, $c: String!) { uploadImport(workspaceId: $w, fileName: \"till.csv\", content: $c) { id } }",
                variables: ["w": w, "c": .string("Date,Payee,Amount\n2026-06-02,Bakery,-3.50\n")], token: owner.token)
            let importID = try #require(upload.data("uploadImport", "id").stringValue, "\(upload.body)")
            let commit = try await client.post(
                "mutation($w: ID!, $i: ID!, $a: ID!) { commitImport(workspaceId: $w, importId: $i, accountId: $a) { status } }",
                variables: ["w": w, "i": .string(importID), "a": .string(accountID)], token: owner.token)
            #expect(commit.data("commitImport", "status").stringValue == "COMMITTED", "\(commit.body)")
            #expect(try await types(owner).first == "IMPORT_FINISHED")
        }
    }

    @Test func preferencesAreReadAndChosenPerTypeAndChannel() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("prefs")
            let before = try await client.post("{ me { notificationPreferences { type inApp email isDefault } } }", token: user.token)
            let list = before.data("me", "notificationPreferences").listValue
            #expect(list.count == 8 && list.allSatisfy { $0["isDefault"] == .bool(true) }, "\(before.body)")
            #expect(list.first { $0["type"]?.stringValue == "BILL_REMINDER" }?["email"] == .bool(true))
            #expect(list.first { $0["type"]?.stringValue == "IMPORT_FINISHED" }?["email"] == .bool(false))

            let set = try await client.post("mutation { setNotificationPreference(type: BILL_REMINDER, email: false) { type inApp email isDefault } }", token: user.token)
            #expect(set.data("setNotificationPreference") == .object(["type": "BILL_REMINDER", "inApp": true, "email": false, "isDefault": false]), "\(set.body)")
            let after = try await client.post("{ me { notificationPreferences { type inApp email isDefault } } }", token: user.token)
            #expect(after.data("me", "notificationPreferences").listValue.filter { $0["isDefault"] == .bool(false) }.count == 1)

            // Only a platform admin announces.
            let denied = try await client.post(#"mutation { announce(title: "Hello", body: "Everyone") }"#, token: user.token)
            #expect(denied.codes == ["FORBIDDEN"] && denied.data("announce") == .null, "\(denied.body)")
        }
    }
}
