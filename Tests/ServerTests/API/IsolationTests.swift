import Domain
import Foundation
import GraphQLEngine
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// Two workspaces full of data: everything a user of A can aim at B's ids gives NOT_FOUND or FORBIDDEN, never a byte
/// of B, and changes nothing of B. PostgreSQL itself refuses a workspace transaction that reaches outside its schema.
@Suite struct IsolationTests {
    /// Workspace B and the ids a curious user of A could learn or guess.
    struct Target {
        let workspace: UUID
        let member: TestUser
        let invitation: String
        let grant: String
        let memberSession: String
        /// B's ledger ids by argument name: account, transaction, category, budget, recurring rule, import.
        let ledger: [String: String]
        let secrets: [String]
    }

    static func makeTarget(_ client: GraphQLClient) async throws -> Target {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let owner = try await client.signUp("b-owner-\(tag)", name: "B owner \(tag)")
        try await client.promote(owner)
        let workspace = try await client.createWorkspace(owner, name: "B-NAME-\(tag)")
        let ws = GraphQLValue.string(workspace.apiIDForTests)
        let member = try await client.signUp("b-member-\(tag)", name: "B member \(tag)")
        try await client.addMember(member, to: workspace, role: .member)
        _ = try await client.post(
            #"mutation($w: ID!, $v: String!) { setWorkspaceSetting(workspaceId: $w, key: "secret", value: $v) { key } }"#,
            variables: ["w": ws, "v": .string("B-SECRET-\(tag)")], token: owner.token)
        let invited = try await client.post(
            #"mutation($w: ID!, $e: String!) { inviteMember(workspaceId: $w, email: $e, role: VIEWER) { id } }"#,
            variables: ["w": ws, "e": .string("b-invitee-\(tag)@example.com")], token: owner.token)
        let advisor = try await client.signUp("b-advisor-\(tag)", name: "B advisor \(tag)")
        try await client.promote(advisor)
        let practice = try await client.createWorkspace(advisor, name: "B-PRACTICE-\(tag)", kind: "ADVISOR")
        let offered = try await client.post(
            "mutation($w: ID!, $a: ID!) { offerAdvisorAccess(workspaceId: $w, advisorWorkspaceId: $a, access: ADVISOR_WRITE) { id } }",
            variables: ["w": ws, "a": .string(practice.apiIDForTests)], token: owner.token)
        let ledger = try await makeLedger(client, owner: owner, workspace: workspace, tag: String(tag))
        return Target(
            workspace: workspace, member: member,
            invitation: try #require(invited.data("inviteMember", "id").stringValue),
            grant: try #require(offered.data("offerAdvisorAccess", "id").stringValue),
            memberSession: try #require(try await client.strings("SELECT id::text FROM control.sessions WHERE user_id = \(member.id) LIMIT 1").first),
            ledger: ledger,
            secrets: ["B-NAME-\(tag)", "B-SECRET-\(tag)", "b-invitee-\(tag)", member.email, owner.email, "B owner \(tag)", "B member \(tag)", "B-PRACTICE-\(tag)",
                      "B-ACCOUNT-\(tag)", "B-PAYEE-\(tag)", "B-CATEGORY-\(tag)", "B-BUDGET-\(tag)", "B-RULE-\(tag)", "B-FILE-\(tag)", "B-TAG-\(tag)"])
    }

    /// B's books: an account, a tagged transaction in a custom category, a budget, a recurring rule and an upload.
    static func makeLedger(_ client: GraphQLClient, owner: TestUser, workspace: UUID, tag: String) async throws -> [String: String] {
        guard let access = try await client.services.tenancy.access(userID: owner.id, workspaceID: workspace) else {
            throw FixtureError(description: "no access to B")
        }
        let ledger = client.services.ledger
        let account = try await ledger.createAccount(access, AccountInput(name: "B-ACCOUNT-\(tag)", kind: .checking, currency: "USD"))
        let category = try await ledger.createCategory(access, name: "B-CATEGORY-\(tag)", kind: .expense, parentID: nil)
        let transaction = try await ledger.createTransaction(access, TransactionInput(
            kind: .expense, accountID: account.id, date: CalendarDate(iso: "2026-06-01"), amount: "12.34", payee: "B-PAYEE-\(tag)",
            categoryID: category.id, tags: ["B-TAG-\(tag)"]))
        let budget = try await client.services.budgets.createBudget(access, BudgetInput(
            name: "B-BUDGET-\(tag)", categoryID: .some(category.id), period: .monthly, amount: "100"), today: CalendarDate(iso: "2026-06-15")!)
        let rule = try await ledger.createRecurringRule(access, RecurringInput(
            accountID: account.id, kind: .expense, amount: "5", payee: "B-RULE-\(tag)", frequency: .weekly, start: CalendarDate(iso: "2026-06-01")!))
        let upload = try await ledger.uploadImport(access, fileName: "statement.csv", content: Array("Date,Payee,Amount\n2026-06-02,B-FILE-\(tag),-1.00\n".utf8))
        let tagID = try await ledger.allTags(access).first?.id
        return [
            "accountId": account.id.apiIDForTests, "fromAccountId": account.id.apiIDForTests, "toAccountId": account.id.apiIDForTests,
            "transactionId": transaction.id.apiIDForTests, "categoryId": category.id.apiIDForTests, "sourceId": category.id.apiIDForTests,
            "targetId": category.id.apiIDForTests, "parentId": category.id.apiIDForTests, "budgetId": budget.id.apiIDForTests,
            "ruleId": rule.id.apiIDForTests, "importId": upload.id.apiIDForTests, "tagId": tagID?.apiIDForTests ?? "",
        ]
    }

    /// B's books as B's own role sees them: what an attack must not change.
    static func ledgerSnapshot(_ target: Target, _ client: GraphQLClient) async throws -> [String] {
        try await client.services.database.withWorkspaceTransaction(WorkspaceSchemaName(workspaceID: target.workspace)) { connection in
            let rows = try await connection.query(
                """
                SELECT concat_ws('|',
                    (SELECT string_agg(id || ':' || name || ':' || coalesce(archived_at::text, '-'), ',' ORDER BY id) FROM accounts),
                    (SELECT string_agg(id || ':' || amount || ':' || payee || ':' || coalesce(category_id::text, '-'), ',' ORDER BY id) FROM transactions),
                    (SELECT string_agg(id || ':' || name || ':' || coalesce(archived_at::text, '-'), ',' ORDER BY id) FROM categories WHERE key IS NULL),
                    (SELECT string_agg(id || ':' || amount || ':' || coalesce(archived_at::text, '-'), ',' ORDER BY id) FROM budgets),
                    (SELECT string_agg(id || ':' || paused || ':' || coalesce(materialized_index, -1), ',' ORDER BY id) FROM recurring_rules),
                    (SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM imports))
                """, logger: client.services.logger)
            var values: [String] = []
            for try await value in rows.decode(String.self) { values.append(value) }
            return values
        }
    }

    /// Everything about B that an attack could change: name, members, invitations, grants, settings.
    static func snapshot(_ target: Target, _ client: GraphQLClient) async throws -> [String] {
        try await client.strings(
            """
            SELECT concat_ws('|', (SELECT name FROM control.workspaces WHERE id = \(target.workspace)),
                (SELECT string_agg(user_id || ':' || role, ',' ORDER BY user_id) FROM control.memberships WHERE workspace_id = \(target.workspace)),
                (SELECT string_agg(id || ':' || coalesce(revoked_at::text, '-') || coalesce(accepted_at::text, '-'), ',' ORDER BY id) FROM control.invitations WHERE workspace_id = \(target.workspace)),
                (SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM control.advisor_grants WHERE client_workspace_id = \(target.workspace)))
            """)
    }

    @Test func aUserOfAGetsNothingOfBThroughAnyPath() async throws {
        try await APIHarness.withServer { client in
            let target = try await Self.makeTarget(client)
            let attacker = try await client.signUp("a-owner")
            try await client.promote(attacker)
            let own = try await client.createWorkspace(attacker, name: "A books")
            let before = try await Self.snapshot(target, client)
            let booksBefore = try await Self.ledgerSnapshot(target, client)

            // (name, operation, whether the workspaceId is A's own: then a complaint about A's side may be BAD_USER_INPUT)
            var probes: [(String, String, Bool)] = []
            // Reading B: every field of Workspace, as far as the schema goes.
            let schema = RoleMatrixTests.schema
            let workspaceFields = schema.type(named: "Workspace")!.fieldsType!.fields.map { field in
                field.name + RoleMatrixTests.arguments(of: field, workspace: target.workspace)
                    + (schema.namedType(field.type).isCompositeType ? " { __typename }" : "")
            }
            probes.append(("read B", "{ workspace(id: \"\(target.workspace.apiIDForTests)\") { \(workspaceFields.joined(separator: " ")) } }", false))
            // Every mutation with a workspaceId, aimed at B, and the ones that take B's other ids with A's workspace.
            let ids: [String: String] = [
                "workspaceId": target.workspace.apiIDForTests, "userId": target.member.id.apiIDForTests,
                "invitationId": target.invitation, "grantId": target.grant, "clientWorkspaceId": target.workspace.apiIDForTests,
                "advisorWorkspaceId": target.workspace.apiIDForTests, "sessionId": target.memberSession,
            ].merging(target.ledger) { first, _ in first }
            for field in schema.type(named: "Mutation")!.fieldsType!.fields {
                let names = Set(field.arguments.map(\.name))
                guard !names.isDisjoint(with: ids.keys) else { continue }
                // "In A": A's own workspace with one of B's other ids (a member, an invitation, a grant of B).
                let otherIDs = !names.subtracting(["workspaceId"]).isDisjoint(with: ids.keys)
                for aimAtOwn in [false, true] where !aimAtOwn || (names.contains("workspaceId") && otherIDs) {
                    let arguments = field.arguments.compactMap { argument -> String? in
                        if argument.name == "workspaceId" { return "workspaceId: \"\(aimAtOwn ? own.apiIDForTests : ids["workspaceId"]!)\"" }
                        if let id = ids[argument.name] { return "\(argument.name): \"\(id)\"" }
                        guard argument.isRequired else { return nil }
                        return "\(argument.name): \(RoleMatrixTests.literal(for: argument.type))"
                    }
                    let selection = schema.namedType(field.type).isCompositeType ? " { __typename }" : ""
                    probes.append(("\(field.name)\(aimAtOwn ? " in A" : "")", "mutation { \(field.name)(\(arguments.joined(separator: ", ")))\(selection) }", aimAtOwn))
                }
            }
            // B's ids inside input objects, sent to A's own workspace.
            let a = own.apiIDForTests
            let account = target.ledger["accountId"]!, category = target.ledger["categoryId"]!
            probes += [
                ("createTransaction with B's account in A",
                 "mutation { createTransaction(workspaceId: \"\(a)\", input: {kind: EXPENSE, accountId: \"\(account)\", date: \"2026-06-03\", amount: \"1\"}) { id } }", true),
                ("createTransfer from B's account in A",
                 "mutation { createTransfer(workspaceId: \"\(a)\", input: {fromAccountId: \"\(account)\", toAccountId: \"\(UUID())\", date: \"2026-06-03\", amount: \"1\"}) { from { id } } }", true),
                ("createBudget with B's category in A",
                 "mutation { createBudget(workspaceId: \"\(a)\", input: {name: \"x\", categoryId: \"\(category)\", period: MONTHLY, amount: \"1\"}) { id } }", true),
                ("createRecurringRule with B's account in A",
                 "mutation { createRecurringRule(workspaceId: \"\(a)\", input: {accountId: \"\(account)\", kind: EXPENSE, amount: \"1\", frequency: DAILY, startDate: \"2026-06-03\"}) { id } }", true),
                ("commitImport of B's upload in A",
                 "mutation { commitImport(workspaceId: \"\(a)\", importId: \"\(target.ledger["importId"]!)\", accountId: \"\(account)\") { id } }", true),
            ]
            #expect(probes.count > 20)
            for (name, operation, inOwn) in probes {
                let response = try await client.post(operation, token: attacker.token)
                let allowed = inOwn ? ["NOT_FOUND", "FORBIDDEN", "BAD_USER_INPUT"] : ["NOT_FOUND", "FORBIDDEN"]
                #expect(!response.codes.isEmpty, "\(name) must fail: \(response.body)")
                #expect(response.codes.allSatisfy { allowed.contains($0) }, "\(name): \(response.body)")
                for secret in target.secrets {
                    #expect(!response.body.contains(secret), "\(name) leaked \(secret): \(response.body)")
                }
            }
            #expect(try await Self.snapshot(target, client) == before, "nothing of B changed")
            #expect(try await Self.ledgerSnapshot(target, client) == booksBefore, "nothing of B's books changed")

            // Reading B's ids from inside A finds nothing (null or empty), and never a byte of B.
            let ledger = target.ledger
            let reads = [
                "{ workspace(id: \"\(a)\") { transaction(id: \"\(ledger["transactionId"]!)\") { payee } } }",
                "{ workspace(id: \"\(a)\") { transactions(filter: {accountIds: [\"\(ledger["accountId"]!)\"]}) { totalCount edges { node { payee } } } } }",
                "{ workspace(id: \"\(a)\") { transactions(filter: {categoryIds: [\"\(ledger["categoryId"]!)\"], tagIds: [\"\(ledger["tagId"]!)\"]}) { totalCount } } }",
                "{ workspace(id: \"\(a)\") { importPreview(importId: \"\(ledger["importId"]!)\") { rowCount sample { payee } } } }",
                "{ workspace(id: \"\(a)\") { budgetAlerts(budgetId: \"\(ledger["budgetId"]!)\") { threshold } exportTransactions } }",
            ]
            for operation in reads {
                let response = try await client.post(operation, token: attacker.token)
                #expect(response.codes.allSatisfy { ["NOT_FOUND", "BAD_USER_INPUT"].contains($0) }, "\(operation): \(response.body)")
                #expect(!response.body.contains("\"totalCount\":1"), "\(operation): \(response.body)")
                for secret in target.secrets {
                    #expect(!response.body.contains(secret), "\(operation) leaked \(secret): \(response.body)")
                }
            }
        }
    }

    @Test func aUserCannotReadOrMarkAnotherUsersNotifications() async throws {
        try await APIHarness.withServer { client in
            let victim = try await client.signUp("n-victim")
            let attacker = try await client.signUp("n-attacker")
            let secret = "N-SECRET-\(UUID().uuidString.prefix(8))"
            let theirs = try #require(try await client.services.notifications.notify(userID: victim.id, type: .billReminder, title: secret, body: secret))
            let own = try #require(try await client.services.notifications.notify(userID: attacker.id, type: .billReminder, title: "Mine"))
            let id = String(theirs.id)
            let probes = [
                "mutation { markNotificationRead(id: \"\(id)\") { id title readAt } }",
                "mutation { markAllNotificationsRead(upTo: \"\(id)\") }",
                "mutation { markAllNotificationsRead }",
                "{ me { notifications(after: \"\(theirs.id - 1)\", first: 100) { totalCount edges { node { id title body } } } } }",
                "{ me { notifications(before: \"\(theirs.id + 1)\", first: 100) { edges { node { id title body } } } } }",
                "{ me { notifications(first: 100, unreadOnly: true) { edges { node { id title } } } unreadNotificationCount } }",
            ]
            for probe in probes {
                let response = try await client.post(probe, token: attacker.token)
                #expect(!response.body.contains(secret), "\(probe) leaked the victim's notification: \(response.body)")
                #expect(!response.body.contains("\"id\":\"\(id)\""), "\(probe) named the victim's notification: \(response.body)")
            }
            let marked = try await client.post("mutation { markNotificationRead(id: \"\(id)\") { id } }", token: attacker.token)
            #expect(marked.codes == ["NOT_FOUND"] && marked.data("markNotificationRead") == .null, "\(marked.body)")
            // Nothing of the victim's changed: still unread, still theirs, still listed for them.
            let victims = try await client.services.notifications.notifications(userID: victim.id, first: 100).items.map(\.item)
            #expect(victims.first { $0.id == theirs.id }?.readAt == nil)
            #expect(try await client.services.notifications.unreadCount(userID: victim.id) >= 1)
            // The attacker's own mark-all reached only the attacker's own.
            #expect(try await client.services.notifications.notifications(userID: attacker.id, first: 100).items.first { $0.item.id == own.id }?.item.readAt != nil)
        }
    }

    @Test func aWorkspaceTransactionCannotReachOutsideItsSchema() async throws {
        try await APIHarness.withServer { client in
            let a = try await client.signUp("scope-a")
            let b = try await client.signUp("scope-b")
            let accessA = try #require(try await client.services.tenancy.memberships(userID: a.id).first?.0)
            let accessB = try #require(try await client.services.tenancy.memberships(userID: b.id).first?.0)
            let attacks = [
                "SELECT count(*) FROM control.users",
                "SELECT count(*) FROM control.audit_log",
                "SELECT count(*) FROM \(accessB.schema.quoted).workspace_settings",
                "INSERT INTO \(accessB.schema.quoted).workspace_settings (key, value) VALUES ('x', 'y')",
            ]
            // Not covered, by design: an explicit SET ROLE to another workspace succeeds, because PostgreSQL checks the
            // login role's memberships; only code that deliberately switches roles can do that, never an unscoped query.
            for attack in attacks {
                do {
                    try await client.services.database.withWorkspaceTransaction(accessA.schema) { connection in
                        try await connection.query(PostgresQuery(unsafeSQL: attack), logger: client.services.logger)
                    }
                    Issue.record("\(attack) ran inside workspace A's transaction")
                } catch {
                    #expect(databaseErrorCode(error) == "42501", "\(attack): \(describeDatabaseError(error))")
                }
            }
        }
    }
}
