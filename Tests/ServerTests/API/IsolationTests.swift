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
        return Target(
            workspace: workspace, member: member,
            invitation: try #require(invited.data("inviteMember", "id").stringValue),
            grant: try #require(offered.data("offerAdvisorAccess", "id").stringValue),
            memberSession: try #require(try await client.strings("SELECT id::text FROM control.sessions WHERE user_id = \(member.id) LIMIT 1").first),
            secrets: ["B-NAME-\(tag)", "B-SECRET-\(tag)", "b-invitee-\(tag)", member.email, owner.email, "B owner \(tag)", "B member \(tag)", "B-PRACTICE-\(tag)"])
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

            // (name, operation, whether the workspaceId is A's own: then a complaint about A's side may be BAD_USER_INPUT)
            var probes: [(String, String, Bool)] = []
            // Reading B: every field of Workspace, as far as the schema goes.
            let schema = RoleMatrixTests.schema
            let workspaceFields = schema.type(named: "Workspace")!.fieldsType!.fields.map { field in
                field.name + (schema.namedType(field.type).isCompositeType ? " { __typename }" : "")
            }
            probes.append(("read B", "{ workspace(id: \"\(target.workspace.apiIDForTests)\") { \(workspaceFields.joined(separator: " ")) } }", false))
            // Every mutation with a workspaceId, aimed at B, and the ones that take B's other ids with A's workspace.
            let ids: [String: String] = [
                "workspaceId": target.workspace.apiIDForTests, "userId": target.member.id.apiIDForTests,
                "invitationId": target.invitation, "grantId": target.grant, "clientWorkspaceId": target.workspace.apiIDForTests,
                "advisorWorkspaceId": target.workspace.apiIDForTests, "sessionId": target.memberSession,
            ]
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
