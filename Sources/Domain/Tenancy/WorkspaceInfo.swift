import Foundation
import Persistence

/// A workspace as people see it: the registry row plus its display name.
public struct WorkspaceInfo: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let kind: WorkspaceKind
    public let name: String
    public let plan: String
    public let schema: WorkspaceSchemaName
    public let createdAt: Date

    /// A workspace value read from control.workspaces.
    public init(id: UUID, kind: WorkspaceKind, name: String, plan: String, schema: WorkspaceSchemaName, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.name = name
        self.plan = plan
        self.schema = schema
        self.createdAt = createdAt
    }
}

/// The caller's way into one workspace, proven by a membership or a live advisor grant.
public struct WorkspaceAccess: Sendable, Hashable {
    public let workspace: WorkspaceInfo
    public let userID: UUID
    public let role: AccessRole
    /// The grant that gives the access, when `role` is an advisor's.
    public let grantID: UUID?

    /// An access value; TenancyService.access(userID:workspaceID:) is what proves one.
    public init(workspace: WorkspaceInfo, userID: UUID, role: AccessRole, grantID: UUID?) {
        self.workspace = workspace
        self.userID = userID
        self.role = role
        self.grantID = grantID
    }
}

/// A row of control.memberships.
public struct Membership: Sendable, Hashable {
    public let workspaceID: UUID
    public let userID: UUID
    public let role: WorkspaceRole
    public let createdAt: Date
}

/// A row of control.invitations.
public struct Invitation: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable { case pending = "PENDING", accepted = "ACCEPTED", revoked = "REVOKED", expired = "EXPIRED" }
    public let id: UUID
    public let workspaceID: UUID
    public let email: String
    public let role: WorkspaceRole
    public let invitedBy: UUID?
    public let createdAt: Date
    public let expiresAt: Date
    public let status: Status
}

/// A row of control.advisor_grants.
public struct AdvisorGrant: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable { case pending = "PENDING", active = "ACTIVE", declined = "DECLINED", revoked = "REVOKED", expired = "EXPIRED" }
    public enum Initiator: String, Sendable { case client = "CLIENT", advisor = "ADVISOR" }
    public let id: UUID
    public let advisorWorkspaceID: UUID
    public let clientWorkspaceID: UUID
    public let access: AdvisorAccess
    public let status: Status
    public let initiatedBy: Initiator
    public let createdAt: Date
    public let expiresAt: Date?
    public let respondedAt: Date?
    public let revokedAt: Date?
}
