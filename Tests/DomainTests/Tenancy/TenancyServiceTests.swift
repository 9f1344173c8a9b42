import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// The tenancy rules that HTTP tests cannot pin down: the access table, races on the last owner, expired invitations.
@Suite struct TenancyServiceTests {
    @Test func accessRolesMeetRequirementsAsDesignSays() {
        let table: [AccessRole: Set<AccessRole>] = [
            .owner: [.owner, .admin, .member, .viewer, .advisorRead, .advisorWrite],
            .admin: [.admin, .member, .viewer, .advisorRead, .advisorWrite],
            .member: [.member, .viewer, .advisorRead, .advisorWrite],
            .viewer: [.viewer],
            .advisorRead: [.viewer, .advisorRead],
            .advisorWrite: [.member, .viewer, .advisorRead, .advisorWrite],
        ]
        for (role, meets) in table {
            for required in AccessRole.allCases {
                #expect(role.satisfies(required) == meets.contains(required), "\(role) vs \(required)")
            }
        }
    }

    /// A user row and its PERSONAL-less existence: enough for membership rules.
    static func user(_ database: Database, name: String) async throws -> User {
        let id = UUID()
        let email = TestStack.uniqueEmail(name)
        try await database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.users (id, email, display_name, is_business) VALUES (\(id), \(email), \(name), true)",
                logger: TestStack.logger)
        }
        return User(id: id, email: email, displayName: name, platformRole: .user, isBusiness: true, emailVerifiedAt: nil, disabledAt: nil, createdAt: Date())
    }

    static func service(_ database: Database, invitationLifetime: Duration = .seconds(3600)) throws -> TenancyService {
        let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: try TestStack.migrations().tenant, logger: TestStack.logger)
        return TenancyService(database: database, provisioner: provisioner, invitationLifetime: invitationLifetime, logger: TestStack.logger)
    }

    @Test func twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() async throws {
        let database = try await TestStack.database()
        let tenancy = try Self.service(database)
        let first = try await Self.user(database, name: "first")
        let second = try await Self.user(database, name: "second")
        let workspace = try await tenancy.createWorkspace(creator: first, name: "Race", kind: .business, origin: .system)
        try await database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(workspace.id), \(second.id), 'OWNER')", logger: TestStack.logger)
        }
        let accessFirst = try #require(try await tenancy.access(userID: first.id, workspaceID: workspace.id))
        let accessSecond = try #require(try await tenancy.access(userID: second.id, workspaceID: workspace.id))
        async let a: Bool = { (try? await tenancy.setMemberRole(accessFirst, userID: second.id, role: .admin, origin: .system)) != nil }()
        async let b: Bool = { (try? await tenancy.setMemberRole(accessSecond, userID: first.id, role: .admin, origin: .system)) != nil }()
        let outcomes = await [a, b]
        let members = try await tenancy.members(workspaceID: workspace.id)
        #expect(members.filter { $0.role == .owner }.count == 1, "\(members)")
        #expect(outcomes.filter { $0 }.count == 1)
    }

    @Test func anExpiredInvitationCannotBeAccepted() async throws {
        let database = try await TestStack.database()
        let tenancy = try Self.service(database, invitationLifetime: .seconds(-1))
        let owner = try await Self.user(database, name: "inviter")
        let invitee = try await Self.user(database, name: "late")
        let workspace = try await tenancy.createWorkspace(creator: owner, name: "Late party", kind: .business, origin: .system)
        let access = try #require(try await tenancy.access(userID: owner.id, workspaceID: workspace.id))
        let issued = try await tenancy.invite(access, email: invitee.email, role: .member, origin: .system)
        #expect(issued.invitation.status == .expired)
        await #expect(throws: TenancyError.invitationNotFound) {
            _ = try await tenancy.acceptInvitation(token: issued.token, user: invitee, origin: .system)
        }
        #expect(try await tenancy.access(userID: invitee.id, workspaceID: workspace.id) == nil)
    }

    @Test func aViewerOfAnAdvisorPracticeGetsReadAccessOnlyThroughAWriteGrant() async throws {
        let database = try await TestStack.database()
        let tenancy = try Self.service(database)
        let advisor = try await Self.user(database, name: "adv")
        let junior = try await Self.user(database, name: "junior")
        let client = try await Self.user(database, name: "cli")
        let practice = try await tenancy.createWorkspace(creator: advisor, name: "Practice", kind: .advisor, origin: .system)
        let books = try await tenancy.createWorkspace(creator: client, name: "Books", kind: .business, origin: .system)
        try await database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(practice.id), \(junior.id), 'VIEWER')", logger: TestStack.logger)
        }
        let clientAccess = try #require(try await tenancy.access(userID: client.id, workspaceID: books.id))
        let grant = try await tenancy.offerAdvisorAccess(clientAccess, advisorWorkspaceID: practice.id, access: .write, expiresAt: nil, origin: .system)
        #expect(try await tenancy.access(userID: advisor.id, workspaceID: books.id) == nil, "pending grants open nothing")
        _ = try await tenancy.respondToGrant(grantID: grant.id, accept: true, userID: advisor.id, origin: .system)
        #expect(try await tenancy.access(userID: advisor.id, workspaceID: books.id)?.role == .advisorWrite)
        #expect(try await tenancy.access(userID: junior.id, workspaceID: books.id)?.role == .advisorRead)
    }
}
