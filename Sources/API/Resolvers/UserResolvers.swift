import Domain
import Foundation
import GraphQLEngine

/// A workspace the caller is a member of, with the role.
struct MembershipNode: Sendable {
    let workspace: WorkspaceNode
    let role: WorkspaceRole
}

extension ExecutableSchema.Builder {
    /// User, Viewer, Session and WorkspaceMembership.
    mutating func bindUsers() {
        for type in ["User", "Viewer"] {
            sourceBacked(type)
            field(type, "id", of: User.self) { .id($0.id) }
            field(type, "email", of: User.self) { .string($0.email) }
            field(type, "displayName", of: User.self) { .string($0.displayName) }
            field(type, "emailVerified", of: User.self) { .bool($0.emailVerifiedAt != nil) }
            field(type, "platformRole", of: User.self) { .string($0.platformRole.rawValue) }
            field(type, "isBusiness", of: User.self) { .bool($0.isBusiness) }
            field(type, "createdAt", of: User.self) { .date($0.createdAt) }
        }
        field("User", "disabled", of: User.self) { .bool($0.disabledAt != nil) }
        fieldAsync("Viewer", "workspaces", of: User.self) { user, _, request in
            let memberships = try await request.services.tenancy.memberships(userID: user.id)
            return .objects(memberships.map { workspace, role in
                MembershipNode(
                    workspace: WorkspaceNode(access: WorkspaceAccess(workspace: workspace, userID: user.id, role: AccessRole(role), grantID: nil)),
                    role: role)
            })
        }
        fieldAsync("Viewer", "invitations", of: User.self) { user, _, request in
            .objects(try await request.services.tenancy.pendingInvitations(email: user.email))
        }
        fieldAsync("Viewer", "sessions", of: User.self) { user, _, request in
            let current = request.claims?.sessionID
            return .objects(try await request.services.identity.sessions(userID: user.id).map { SessionNode(session: $0, isCurrent: $0.id == current) })
        }

        sourceBacked("WorkspaceMembership")
        field("WorkspaceMembership", "workspace", of: MembershipNode.self) { .object($0.workspace) }
        field("WorkspaceMembership", "role", of: MembershipNode.self) { .string($0.role.rawValue) }

        sourceBacked("Session")
        field("Session", "id", of: SessionNode.self) { .id($0.session.id) }
        field("Session", "createdAt", of: SessionNode.self) { .date($0.session.createdAt) }
        field("Session", "lastUsedAt", of: SessionNode.self) { .date($0.session.lastUsedAt) }
        field("Session", "expiresAt", of: SessionNode.self) { .date($0.session.expiresAt) }
        field("Session", "rememberMe", of: SessionNode.self) { .bool($0.session.rememberMe) }
        field("Session", "userAgent", of: SessionNode.self) { .string($0.session.userAgent) }
        field("Session", "address", of: SessionNode.self) { .string($0.session.address) }
        field("Session", "current", of: SessionNode.self) { .bool($0.isCurrent) }

        sourceBacked("AuthPayload")
        field("AuthPayload", "accessToken", of: AuthNode.self) { .string($0.tokens.accessToken) }
        field("AuthPayload", "accessTokenExpiresAt", of: AuthNode.self) { .date($0.tokens.accessTokenExpiresAt) }
        field("AuthPayload", "refreshToken", of: AuthNode.self) { .string($0.tokens.refreshToken) }
        field("AuthPayload", "refreshTokenExpiresAt", of: AuthNode.self) { .date($0.tokens.refreshTokenExpiresAt) }
        field("AuthPayload", "sessionId", of: AuthNode.self) { .id($0.tokens.sessionID) }
        field("AuthPayload", "user", of: AuthNode.self) { .object($0.user) }
    }
}
