import Domain
import Foundation
import GraphQLEngine
import Persistence

extension ExecutableSchema.Builder {
    /// Workspaces, members, invitations and advisor grants. The guards have already proven the caller's access to
    /// `workspaceId`; the services check their own rules on it again.
    mutating func bindWorkspaceMutations() {
        root("Mutation", "createWorkspace") { arguments, request in
            let input = arguments.object("input") ?? [:]
            guard let kind = input.string("kind").flatMap(WorkspaceKind.init(rawValue:)) else {
                throw APIError(.badUserInput, "kind must be BUSINESS or ADVISOR.", field: "kind")
            }
            let user = try await request.requireUser()
            let workspace = try await request.services.tenancy.createWorkspace(
                creator: user, name: input.string("name") ?? "", kind: kind, origin: request.origin)
            return .object(WorkspaceNode(access: WorkspaceAccess(workspace: workspace, userID: user.id, role: .owner, grantID: nil)))
        }
        workspaceMutation("renameWorkspace") { access, arguments, request in
            let renamed = try await request.services.tenancy.renameWorkspace(access, to: arguments.string("name") ?? "", origin: request.origin)
            return .object(WorkspaceNode(access: WorkspaceAccess(workspace: renamed, userID: access.userID, role: access.role, grantID: access.grantID)))
        }
        workspaceMutation("deleteWorkspace") { access, _, request in
            try await request.services.tenancy.deleteWorkspace(access, origin: request.origin)
            return .bool(true)
        }
        workspaceMutation("setWorkspaceSetting") { access, arguments, request in
            .object(try await request.services.tenancy.setSetting(
                access, key: arguments.string("key") ?? "", value: arguments.string("value") ?? "", origin: request.origin))
        }
        workspaceMutation("inviteMember") { access, arguments, request in
            guard let role = arguments.string("role").flatMap(WorkspaceRole.init(rawValue:)) else {
                throw APIError(.badUserInput, "role must be ADMIN, MEMBER or VIEWER.", field: "role")
            }
            let issued = try await request.services.tenancy.invite(access, email: arguments.string("email") ?? "", role: role, origin: request.origin)
            await request.services.notifications.memberInvited(issued.invitation, workspace: access.workspace)
            return .object(issued.invitation)
        }
        workspaceMutation("revokeInvitation") { access, arguments, request in
            try await request.services.tenancy.revokeInvitation(access, invitationID: try arguments.id("invitationId"), origin: request.origin)
            return .bool(true)
        }
        root("Mutation", "acceptInvitation") { arguments, request in
            let access = try await request.services.tenancy.acceptInvitation(
                token: arguments.string("token") ?? "", user: try await request.requireUser(), origin: request.origin)
            return .object(WorkspaceNode(access: access))
        }
        workspaceMutation("setMemberRole") { access, arguments, request in
            guard let role = arguments.string("role").flatMap(WorkspaceRole.init(rawValue:)) else {
                throw APIError(.badUserInput, "role must be OWNER, ADMIN, MEMBER or VIEWER.", field: "role")
            }
            let membership = try await request.services.tenancy.setMemberRole(
                access, userID: try arguments.id("userId"), role: role, origin: request.origin)
            return .object(MemberNode(membership: membership))
        }
        workspaceMutation("removeMember") { access, arguments, request in
            try await request.services.tenancy.removeMember(access, userID: try arguments.id("userId"), origin: request.origin)
            return .bool(true)
        }
        workspaceMutation("leaveWorkspace") { access, _, request in
            try await request.services.tenancy.leave(access, origin: request.origin)
            return .bool(true)
        }
        workspaceMutation("transferOwnership") { access, arguments, request in
            try await request.services.tenancy.transferOwnership(access, to: try arguments.id("userId"), origin: request.origin)
            return .bool(true)
        }
        workspaceMutation("offerAdvisorAccess") { access, arguments, request in
            .object(try await request.services.tenancy.offerAdvisorAccess(
                access, advisorWorkspaceID: try arguments.id("advisorWorkspaceId"), access: try Self.advisorAccess(arguments),
                expiresAt: arguments.date("expiresAt"), origin: request.origin))
        }
        workspaceMutation("requestAdvisorAccess") { access, arguments, request in
            .object(try await request.services.tenancy.requestAdvisorAccess(
                access, clientWorkspaceID: try arguments.id("clientWorkspaceId"), access: try Self.advisorAccess(arguments),
                expiresAt: arguments.date("expiresAt"), origin: request.origin))
        }
        root("Mutation", "respondToAdvisorGrant") { arguments, request in
            let grant = try await request.services.tenancy.respondToGrant(
                grantID: try arguments.id("grantId"), accept: arguments.bool("accept") ?? false,
                userID: try await request.requireUser().id, origin: request.origin)
            await request.services.notifications.advisorAccessGranted(grant)
            return .object(grant)
        }
        root("Mutation", "revokeAdvisorGrant") { arguments, request in
            .object(try await request.services.tenancy.revokeGrant(
                grantID: try arguments.id("grantId"), userID: try await request.requireUser().id, origin: request.origin))
        }
    }

    /// A mutation on the workspace named by its `workspaceId` argument, with the caller's access to it.
    mutating func workspaceMutation(
        _ name: String, _ body: @escaping @Sendable (WorkspaceAccess, GraphQLObject, RequestContext) async throws -> Resolved
    ) {
        root("Mutation", name) { arguments, request in
            try await body(try await request.requireAccess(toWorkspace: arguments.string("workspaceId")), arguments, request)
        }
    }

    static func advisorAccess(_ arguments: GraphQLObject) throws -> AdvisorAccess {
        guard let access = arguments.string("access").flatMap(AdvisorAccess.init(rawValue:)) else {
            throw APIError(.badUserInput, "access must be ADVISOR_READ or ADVISOR_WRITE.", field: "access")
        }
        return access
    }
}
