import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Workspace and what hangs below it: settings, members, invitations, advisor grants.
    mutating func bindWorkspaces() {
        sourceBacked("Workspace")
        field("Workspace", "id", of: WorkspaceNode.self) { .id($0.access.workspace.id) }
        field("Workspace", "name", of: WorkspaceNode.self) { .string($0.access.workspace.name) }
        field("Workspace", "kind", of: WorkspaceNode.self) { .string($0.access.workspace.kind.rawValue) }
        field("Workspace", "plan", of: WorkspaceNode.self) { .string($0.access.workspace.plan) }
        field("Workspace", "createdAt", of: WorkspaceNode.self) { .date($0.access.workspace.createdAt) }
        field("Workspace", "myAccess", of: WorkspaceNode.self) { .string($0.access.role.rawValue) }
        fieldAsync("Workspace", "settings", of: WorkspaceNode.self) { node, _, request in
            .objects(try await request.services.tenancy.settings(of: node.access.workspace))
        }
        fieldAsync("Workspace", "members", of: WorkspaceNode.self) { node, _, request in
            .objects(try await request.services.tenancy.members(workspaceID: node.access.workspace.id).map(MemberNode.init))
        }
        fieldAsync("Workspace", "invitations", of: WorkspaceNode.self) { node, _, request in
            .objects(try await request.services.tenancy.invitations(workspaceID: node.access.workspace.id))
        }
        fieldAsync("Workspace", "advisors", of: WorkspaceNode.self) { node, _, request in
            .objects(try await request.services.tenancy.grants(workspaceID: node.access.workspace.id, asAdvisor: false))
        }
        fieldAsync("Workspace", "clients", of: WorkspaceNode.self) { node, _, request in
            guard node.access.workspace.kind == .advisor else { return .list([]) }
            return .objects(try await request.services.tenancy.grants(workspaceID: node.access.workspace.id, asAdvisor: true))
        }

        sourceBacked("WorkspaceSetting")
        field("WorkspaceSetting", "key", of: WorkspaceSetting.self) { .string($0.key) }
        field("WorkspaceSetting", "value", of: WorkspaceSetting.self) { .string($0.value) }
        field("WorkspaceSetting", "updatedAt", of: WorkspaceSetting.self) { .date($0.updatedAt) }

        sourceBacked("Member")
        loaded("Member", "user") { input in try await input.loadUser(try input.source(as: MemberNode.self).membership.userID) }
        field("Member", "role", of: MemberNode.self) { .string($0.membership.role.rawValue) }
        field("Member", "since", of: MemberNode.self) { .date($0.membership.createdAt) }

        sourceBacked("WorkspaceSummary")
        field("WorkspaceSummary", "id", of: SummaryNode.self) { .id($0.workspace.id) }
        field("WorkspaceSummary", "name", of: SummaryNode.self) { .string($0.disclosed ? $0.workspace.name : SummaryNode.undisclosedName) }
        field("WorkspaceSummary", "kind", of: SummaryNode.self) { .string($0.workspace.kind.rawValue) }

        sourceBacked("Invitation")
        field("Invitation", "id", of: Invitation.self) { .id($0.id) }
        loaded("Invitation", "workspace") { input in
            try await input.loadWorkspace(try input.source(as: Invitation.self).workspaceID, disclosed: true)
        }
        field("Invitation", "email", of: Invitation.self) { .string($0.email) }
        field("Invitation", "role", of: Invitation.self) { .string($0.role.rawValue) }
        field("Invitation", "status", of: Invitation.self) { .string($0.status.rawValue) }
        loaded("Invitation", "invitedBy") { input in try await input.loadUser(try input.source(as: Invitation.self).invitedBy) }
        field("Invitation", "createdAt", of: Invitation.self) { .date($0.createdAt) }
        field("Invitation", "expiresAt", of: Invitation.self) { .date($0.expiresAt) }

        sourceBacked("AdvisorGrant")
        field("AdvisorGrant", "id", of: AdvisorGrant.self) { .id($0.id) }
        loaded("AdvisorGrant", "advisorWorkspace") { input in
            let grant = try input.source(as: AdvisorGrant.self)
            return try await input.loadWorkspace(
                grant.advisorWorkspaceID, disclosed: try await grant.discloses(grant.advisorWorkspaceID, side: .advisor, to: input))
        }
        loaded("AdvisorGrant", "clientWorkspace") { input in
            let grant = try input.source(as: AdvisorGrant.self)
            return try await input.loadWorkspace(
                grant.clientWorkspaceID, disclosed: try await grant.discloses(grant.clientWorkspaceID, side: .client, to: input))
        }
        field("AdvisorGrant", "access", of: AdvisorGrant.self) { .string($0.access.rawValue) }
        field("AdvisorGrant", "status", of: AdvisorGrant.self) { .string($0.status.rawValue) }
        field("AdvisorGrant", "initiatedBy", of: AdvisorGrant.self) { .string($0.initiatedBy.rawValue) }
        field("AdvisorGrant", "createdAt", of: AdvisorGrant.self) { .date($0.createdAt) }
        field("AdvisorGrant", "expiresAt", of: AdvisorGrant.self) { .date($0.expiresAt) }
        field("AdvisorGrant", "respondedAt", of: AdvisorGrant.self) { .date($0.respondedAt) }
        field("AdvisorGrant", "revokedAt", of: AdvisorGrant.self) { .date($0.revokedAt) }
    }
}

/// A `WorkspaceSummary`: the other side of a grant or invitation, named only once that side has disclosed itself.
struct SummaryNode: Sendable {
    static let undisclosedName = "(not disclosed until the grant is accepted)"
    let workspace: WorkspaceInfo
    let disclosed: Bool
}

extension AdvisorGrant {
    /// Whether the caller may see the name of one side: when the grant is in force, when that side opened it, or when
    /// the caller is a member there. So asking for access to an id never reveals whose workspace it is.
    /// Memberships are looked up through the request's batch loader: one statement for a whole list of grants.
    func discloses(_ workspaceID: UUID, side: Initiator, to input: FieldInput) async throws -> Bool {
        if status == .active || initiatedBy == side { return true }
        guard let access = try await input.info.loaders.load(Loaders.accesses, workspaceID) else { return false }
        return !access.role.isAdvisor
    }
}
