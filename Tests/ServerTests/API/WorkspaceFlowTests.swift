import Domain
import Foundation
import GraphQLEngine
import Testing
import TestSupport

/// Business workspaces, invitations, roles, ownership and advisor access end to end over HTTP.
@Suite struct WorkspaceFlowTests {
    @Test func creatingABusinessWorkspaceNeedsBusinessStatus() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("plain")
            let refused = try await client.post(
                #"mutation { createWorkspace(input: {name: "Acme", kind: BUSINESS}) { id } }"#, token: user.token)
            #expect(refused.codes == ["FORBIDDEN"])
            try await client.promote(user)
            let id = try await client.createWorkspace(user, name: "  Acme Ltd  ")
            let read = try await client.post(
                "query($id: ID!) { workspace(id: $id) { name kind myAccess members { role user { id } } } }",
                variables: ["id": .string(id.apiIDForTests)], token: user.token)
            #expect(read.data("workspace") == [
                "name": "Acme Ltd", "kind": "BUSINESS", "myAccess": "OWNER",
                "members": [["role": "OWNER", "user": ["id": .string(user.id.apiIDForTests)]]],
            ])
            let personal = try await client.post(
                #"mutation { createWorkspace(input: {name: "Mine", kind: PERSONAL}) { id } }"#, token: user.token)
            #expect(personal.codes == ["BAD_USER_INPUT"])
        }
    }

    @Test func inviteAcceptAndManageRolesWithoutEverLosingTheLastOwner() async throws {
        try await APIHarness.withServer { client in
            let owner = try await client.signUp("owner")
            try await client.promote(owner)
            let workspace = try await client.createWorkspace(owner, name: "Team")
            let ws = GraphQLValue.string(workspace.apiIDForTests)
            let invitee = try await client.signUp("invitee")
            let stranger = try await client.signUp("stranger")

            let invited = try await client.post(
                "mutation($w: ID!, $e: String!) { inviteMember(workspaceId: $w, email: $e, role: MEMBER) { id status role email } }",
                variables: ["w": ws, "e": .string(invitee.email.uppercased())], token: owner.token)
            #expect(invited.data("inviteMember", "status") == "PENDING")
            let token = try await client.mailedToken(to: invitee.email, template: "invitation")

            let pending = try await client.post("{ me { invitations { role workspace { name } } } }", token: invitee.token)
            #expect(pending.data("me", "invitations") == [["role": "MEMBER", "workspace": ["name": "Team"]]])

            let wrongPerson = try await client.post(
                "mutation($t: String!) { acceptInvitation(token: $t) { id } }", variables: ["t": .string(token)], token: stranger.token)
            #expect(wrongPerson.codes == ["FORBIDDEN"])
            let accepted = try await client.post(
                "mutation($t: String!) { acceptInvitation(token: $t) { id myAccess } }", variables: ["t": .string(token)], token: invitee.token)
            #expect(accepted.data("acceptInvitation", "myAccess") == "MEMBER")
            let again = try await client.post(
                "mutation($t: String!) { acceptInvitation(token: $t) { id } }", variables: ["t": .string(token)], token: invitee.token)
            #expect(again.codes == ["NOT_FOUND"])

            // A MEMBER cannot manage roles; an ADMIN cannot touch owners.
            let uid = GraphQLValue.string(invitee.id.apiIDForTests)
            let oid = GraphQLValue.string(owner.id.apiIDForTests)
            let setRole = "mutation($w: ID!, $u: ID!, $r: WorkspaceRole!) { setMemberRole(workspaceId: $w, userId: $u, role: $r) { role } }"
            let selfPromote = try await client.post(setRole, variables: ["w": ws, "u": uid, "r": "ADMIN"], token: invitee.token)
            #expect(selfPromote.codes == ["FORBIDDEN"])
            let promoted = try await client.post(setRole, variables: ["w": ws, "u": uid, "r": "ADMIN"], token: owner.token)
            #expect(promoted.data("setMemberRole", "role") == "ADMIN")
            let demoteOwner = try await client.post(setRole, variables: ["w": ws, "u": oid, "r": "VIEWER"], token: invitee.token)
            #expect(demoteOwner.codes == ["FORBIDDEN"])
            let lastOwner = try await client.post(setRole, variables: ["w": ws, "u": oid, "r": "ADMIN"], token: owner.token)
            #expect(lastOwner.codes == ["BAD_USER_INPUT"])
            let leaveAsLastOwner = try await client.post("mutation($w: ID!) { leaveWorkspace(workspaceId: $w) }", variables: ["w": ws], token: owner.token)
            #expect(leaveAsLastOwner.codes == ["BAD_USER_INPUT"])

            let transferred = try await client.post(
                "mutation($w: ID!, $u: ID!) { transferOwnership(workspaceId: $w, userId: $u) }", variables: ["w": ws, "u": uid], token: owner.token)
            #expect(transferred.data("transferOwnership") == true)
            let roles = try await client.post(
                "query($w: ID!) { workspace(id: $w) { members { role user { id } } } }", variables: ["w": ws], token: owner.token)
            #expect(roles.data("workspace", "members") == [
                ["role": "OWNER", "user": ["id": uid]], ["role": "ADMIN", "user": ["id": oid]],
            ])
            let left = try await client.post("mutation($w: ID!) { leaveWorkspace(workspaceId: $w) }", variables: ["w": ws], token: owner.token)
            #expect(left.data("leaveWorkspace") == true)
            let gone = try await client.post("query($w: ID!) { workspace(id: $w) { id } }", variables: ["w": ws], token: owner.token)
            #expect(gone.codes == ["NOT_FOUND"])
            #expect(try await client.count(
                "SELECT count(*)::int8 FROM control.audit_log WHERE workspace_id = \(workspace) AND action LIKE 'membership.%'") >= 4)
        }
    }

    @Test func settingsAreWrittenAndReadInTheWorkspacesOwnSchema() async throws {
        try await APIHarness.withServer { client in
            let owner = try await client.signUp("settings")
            let me = try await client.post("{ me { workspaces { workspace { id } } } }", token: owner.token)
            let ws = try #require(me.data("me", "workspaces").listValue.first?["workspace"]?["id"])
            let set = try await client.post(
                #"mutation($w: ID!) { setWorkspaceSetting(workspaceId: $w, key: "currency", value: "EUR") { key value } }"#,
                variables: ["w": ws], token: owner.token)
            #expect(set.data("setWorkspaceSetting") == ["key": "currency", "value": "EUR"])
            let bad = try await client.post(
                #"mutation($w: ID!) { setWorkspaceSetting(workspaceId: $w, key: "Bad Key!", value: "x") { key } }"#,
                variables: ["w": ws], token: owner.token)
            #expect(bad.codes == ["BAD_USER_INPUT"])
            let read = try await client.post("query($w: ID!) { workspace(id: $w) { settings { key value } } }", variables: ["w": ws], token: owner.token)
            #expect(read.data("workspace", "settings") == [["key": "currency", "value": "EUR"]])
        }
    }

    @Test func anAdvisorOpensAGrantedClientWorkspaceUntilEitherSideRevokes() async throws {
        try await APIHarness.withServer { client in
            let advisor = try await client.signUp("advisor")
            try await client.promote(advisor)
            let practice = try await client.createWorkspace(advisor, name: "Practice", kind: "ADVISOR")
            let clientUser = try await client.signUp("client", name: "Carla")
            let me = try await client.post("{ me { workspaces { workspace { id } } } }", token: clientUser.token)
            let clientWorkspace = try #require(me.data("me", "workspaces").listValue.first?["workspace"]?["id"]?.stringValue)
            let cw = GraphQLValue.string(clientWorkspace)
            let pw = GraphQLValue.string(practice.apiIDForTests)

            let before = try await client.post("query($w: ID!) { workspace(id: $w) { id } }", variables: ["w": cw], token: advisor.token)
            #expect(before.codes == ["NOT_FOUND"])

            let offered = try await client.post(
                "mutation($w: ID!, $a: ID!) { offerAdvisorAccess(workspaceId: $w, advisorWorkspaceId: $a, access: ADVISOR_READ) { id status initiatedBy } }",
                variables: ["w": cw, "a": pw], token: clientUser.token)
            #expect(offered.data("offerAdvisorAccess", "status") == "PENDING")
            let grant = try #require(offered.data("offerAdvisorAccess", "id").stringValue)
            let selfAccept = try await client.post(
                "mutation($g: ID!) { respondToAdvisorGrant(grantId: $g, accept: true) { status } }", variables: ["g": .string(grant)], token: clientUser.token)
            #expect(selfAccept.codes == ["FORBIDDEN"])
            let accepted = try await client.post(
                "mutation($g: ID!) { respondToAdvisorGrant(grantId: $g, accept: true) { status clientWorkspace { name } } }",
                variables: ["g": .string(grant)], token: advisor.token)
            #expect(accepted.data("respondToAdvisorGrant") == ["status": "ACTIVE", "clientWorkspace": ["name": "Carla's workspace"]])

            let clients = try await client.post(
                "query($w: ID!) { workspace(id: $w) { clients { access clientWorkspace { id } } } }", variables: ["w": pw], token: advisor.token)
            #expect(clients.data("workspace", "clients") == [["access": "ADVISOR_READ", "clientWorkspace": ["id": cw]]])
            let opened = try await client.post(
                "query($w: ID!) { workspace(id: $w) { name myAccess settings { key } members { role } } }", variables: ["w": cw], token: advisor.token)
            #expect(opened.data("workspace", "myAccess") == "ADVISOR_READ")
            #expect(opened.errors.isEmpty)
            let denied = try await client.post(
                "query($w: ID!) { workspace(id: $w) { name invitations { id } } }", variables: ["w": cw], token: advisor.token)
            #expect(denied.codes == ["FORBIDDEN"])
            #expect(denied.data("workspace", "name") == "Carla's workspace")
            let write = try await client.post(
                #"mutation($w: ID!) { setWorkspaceSetting(workspaceId: $w, key: "k", value: "v") { key } }"#, variables: ["w": cw], token: advisor.token)
            #expect(write.codes == ["FORBIDDEN"])
            #expect(try await client.count(
                "SELECT count(*)::int8 FROM control.audit_log WHERE action = 'advisor.access' AND actor_user_id = \(advisor.id) AND workspace_id = \(UUID(uuidString: clientWorkspace)!)") >= 3)

            let revoked = try await client.post(
                "mutation($g: ID!) { revokeAdvisorGrant(grantId: $g) { status } }", variables: ["g": .string(grant)], token: clientUser.token)
            #expect(revoked.data("revokeAdvisorGrant", "status") == "REVOKED")
            let after = try await client.post("query($w: ID!) { workspace(id: $w) { id } }", variables: ["w": cw], token: advisor.token)
            #expect(after.codes == ["NOT_FOUND"])
        }
    }

    @Test func anAdvisorAskingForAccessLearnsTheClientsNameOnlyOnceAccepted() async throws {
        try await APIHarness.withServer { client in
            let advisor = try await client.signUp("asker")
            try await client.promote(advisor)
            let practice = GraphQLValue.string(try await client.createWorkspace(advisor, name: "Asking practice", kind: "ADVISOR").apiIDForTests)
            let owner = try await client.signUp("asked")
            try await client.promote(owner)
            let books = GraphQLValue.string(try await client.createWorkspace(owner, name: "Private books").apiIDForTests)

            let requested = try await client.post(
                "mutation($w: ID!, $c: ID!) { requestAdvisorAccess(workspaceId: $w, clientWorkspaceId: $c, access: ADVISOR_READ) { id clientWorkspace { name } advisorWorkspace { name } } }",
                variables: ["w": practice, "c": books], token: advisor.token)
            #expect(requested.data("requestAdvisorAccess", "clientWorkspace", "name") == "(not disclosed until the grant is accepted)")
            #expect(requested.data("requestAdvisorAccess", "advisorWorkspace", "name") == "Asking practice")
            #expect(!requested.body.contains("Private books"))
            let grant = try #require(requested.data("requestAdvisorAccess", "id").stringValue)

            let seenByClient = try await client.post(
                "query($w: ID!) { workspace(id: $w) { advisors { status advisorWorkspace { name } clientWorkspace { name } } } }",
                variables: ["w": books], token: owner.token)
            #expect(seenByClient.data("workspace", "advisors") == [
                ["status": "PENDING", "advisorWorkspace": ["name": "Asking practice"], "clientWorkspace": ["name": "Private books"]],
            ])
            _ = try await client.post(
                "mutation($g: ID!) { respondToAdvisorGrant(grantId: $g, accept: true) { status } }", variables: ["g": .string(grant)], token: owner.token)
            let accepted = try await client.post(
                "query($w: ID!) { workspace(id: $w) { clients { clientWorkspace { name } } } }", variables: ["w": practice], token: advisor.token)
            #expect(accepted.data("workspace", "clients") == [["clientWorkspace": ["name": "Private books"]]])
        }
    }

    @Test func anExpiredGrantOpensNothing() async throws {
        try await APIHarness.withServer { client in
            let advisor = try await client.signUp("expiring")
            try await client.promote(advisor)
            let practice = try await client.createWorkspace(advisor, name: "Short", kind: "ADVISOR")
            let owner = try await client.signUp("expclient")
            try await client.promote(owner)
            let business = try await client.createWorkspace(owner, name: "Expiring books")
            try await client.sql(
                """
                INSERT INTO control.advisor_grants (id, advisor_workspace_id, client_workspace_id, access, status, initiated_by, expires_at)
                VALUES (\(UUID()), \(practice), \(business), 'ADVISOR_WRITE', 'ACTIVE', 'CLIENT', now() - interval '1 second')
                """)
            let response = try await client.post(
                "query($w: ID!) { workspace(id: $w) { id } }", variables: ["w": .string(business.apiIDForTests)], token: advisor.token)
            #expect(response.codes == ["NOT_FOUND"])
        }
    }

    @Test func platformAdminsFindDisableAndEnableUsersAndReadTheAuditLog() async throws {
        try await APIHarness.withServer { client in
            let admin = try await client.signUp("padmin")
            try await client.promote(admin, business: false, platformRole: .admin)
            let support = try await client.signUp("psupport")
            try await client.promote(support, business: false, platformRole: .support)
            let target = try await client.signUp("target-\(UUID().uuidString.prefix(6).lowercased())")
            let search = String(target.email.prefix(while: { $0 != "@" }))

            let found = try await client.post(
                "query($s: String!) { admin { users(search: $s, first: 5) { totalCount edges { node { id email } } } } }",
                variables: ["s": .string(search)], token: support.token)
            #expect(found.data("admin", "users", "totalCount") == 1)
            #expect(found.data("admin", "users", "edges").listValue.first?["node"]?["id"]?.stringValue == target.id.apiIDForTests)
            let supportAudit = try await client.post("{ admin { auditLog { totalCount } } }", token: support.token)
            #expect(supportAudit.codes == ["FORBIDDEN"])
            let supportDisable = try await client.post(
                "mutation($u: ID!) { disableUser(userId: $u) { disabled } }", variables: ["u": .string(target.id.apiIDForTests)], token: support.token)
            #expect(supportDisable.codes == ["FORBIDDEN"])

            let disabled = try await client.post(
                #"mutation($u: ID!) { disableUser(userId: $u, reason: "fraud report") { disabled } }"#,
                variables: ["u": .string(target.id.apiIDForTests)], token: admin.token)
            #expect(disabled.data("disableUser", "disabled") == true)
            let locked = try await client.post("{ me { id } }", token: target.token)
            #expect(locked.codes == ["UNAUTHENTICATED"])
            let refresh = try await client.post(
                "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }", variables: ["t": .string(target.refreshToken)])
            #expect(refresh.codes.count == 1)
            let enabled = try await client.post(
                "mutation($u: ID!) { enableUser(userId: $u) { disabled } }", variables: ["u": .string(target.id.apiIDForTests)], token: admin.token)
            #expect(enabled.data("enableUser", "disabled") == false)

            let audit = try await client.post(
                #"query($a: ID!) { admin { auditLog(action: "admin.", userId: $a, first: 10) { edges { node { action targetId actor { id } } } } } }"#,
                variables: ["a": .string(admin.id.apiIDForTests)], token: admin.token)
            let mine = audit.data("admin", "auditLog", "edges").listValue.compactMap { $0["node"] }.filter { $0["targetId"]?.stringValue == target.id.apiIDForTests }
            #expect(mine.map { $0["action"]?.stringValue } == ["admin.user_enabled", "admin.user_disabled"])
            #expect(mine.first?["actor"]?["id"]?.stringValue == admin.id.apiIDForTests)
        }
    }
}
