import Foundation
import Logging
import Persistence
import PostgresNIO

extension TenancyService {
    /// The members of a workspace, owners first.
    public func members(workspaceID: UUID) async throws -> [Membership] {
        let rows = try await database.client.query(
            """
            SELECT workspace_id, user_id, role, created_at FROM control.memberships WHERE workspace_id = \(workspaceID)
            ORDER BY CASE role WHEN 'OWNER' THEN 0 WHEN 'ADMIN' THEN 1 WHEN 'MEMBER' THEN 2 ELSE 3 END, created_at, user_id
            """,
            logger: logger)
        var result: [Membership] = []
        for try await (workspace, user, role, createdAt) in rows.decode((UUID, UUID, String, Date).self) {
            if let role = WorkspaceRole(rawValue: role) {
                result.append(Membership(workspaceID: workspace, userID: user, role: role, createdAt: createdAt))
            }
        }
        return result
    }

    /// Changes a member's role. ADMINs manage ADMIN, MEMBER and VIEWER; only an OWNER makes or unmakes owners, and the
    /// last owner cannot be demoted. The workspace's memberships are locked for the check, so two demotions at once
    /// cannot leave it with no owner.
    public func setMemberRole(_ access: WorkspaceAccess, userID: UUID, role: WorkspaceRole, origin: ClientOrigin) async throws -> Membership {
        guard let actorRole = access.role.membershipRole, actorRole >= .admin else {
            throw TenancyError.forbidden("Changing roles needs the ADMIN role.")
        }
        guard access.workspace.kind != .personal else {
            throw TenancyError.badInput("A PERSONAL workspace has only its owner.", field: "workspaceId")
        }
        return try await database.withControlTransaction { connection in
            let current = try await lockedMembers(access.workspace.id, on: connection)
            guard let target = current[userID] else { throw TenancyError.memberNotFound }
            if (target == .owner || role == .owner) && actorRole != .owner {
                throw TenancyError.forbidden("Only an OWNER can make someone an owner or change an owner's role.")
            }
            if target == .owner && role != .owner && current.values.filter({ $0 == .owner }).count == 1 {
                throw TenancyError.badInput("The workspace would have no owner; make someone else OWNER first.", field: "role")
            }
            let rows = try await connection.query(
                "UPDATE control.memberships SET role = \(role.rawValue) WHERE workspace_id = \(access.workspace.id) AND user_id = \(userID) RETURNING created_at",
                logger: logger)
            var since = Date()
            for try await value in rows.decode(Date.self) { since = value }
            try await AuditLog.record(
                AuditEvent("membership.role_changed", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "user", targetID: userID.uuidString.lowercased(), details: ["from": target.rawValue, "to": role.rawValue]),
                on: connection, logger: logger)
            return Membership(workspaceID: access.workspace.id, userID: userID, role: role, createdAt: since)
        }
    }

    /// Removes a member. ADMINs remove admins, members and viewers; owners are removed only by an owner, never the last.
    public func removeMember(_ access: WorkspaceAccess, userID: UUID, origin: ClientOrigin) async throws {
        guard let actorRole = access.role.membershipRole, actorRole >= .admin else {
            throw TenancyError.forbidden("Removing members needs the ADMIN role.")
        }
        try await database.withControlTransaction { connection in
            let current = try await lockedMembers(access.workspace.id, on: connection)
            guard let target = current[userID] else { throw TenancyError.memberNotFound }
            if target == .owner && actorRole != .owner { throw TenancyError.forbidden("Only an OWNER can remove an owner.") }
            if target == .owner && current.values.filter({ $0 == .owner }).count == 1 {
                throw TenancyError.badInput("The last owner cannot be removed; transfer ownership first.", field: "userId")
            }
            try await deleteMembership(access.workspace.id, userID, on: connection)
            try await AuditLog.record(
                AuditEvent("membership.removed", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "user", targetID: userID.uuidString.lowercased(), details: ["role": target.rawValue]),
                on: connection, logger: logger)
        }
    }

    /// The caller leaves a workspace. Not their PERSONAL one, and not as its last owner.
    public func leave(_ access: WorkspaceAccess, origin: ClientOrigin) async throws {
        guard let role = access.role.membershipRole else {
            throw TenancyError.badInput("Advisors end their access by revoking the grant, not by leaving.", field: "workspaceId")
        }
        guard access.workspace.kind != .personal else {
            throw TenancyError.badInput("You cannot leave your PERSONAL workspace.", field: "workspaceId")
        }
        try await database.withControlTransaction { connection in
            let current = try await lockedMembers(access.workspace.id, on: connection)
            if role == .owner && current.values.filter({ $0 == .owner }).count == 1 {
                throw TenancyError.badInput("You are the last owner; transfer ownership before leaving.", field: "workspaceId")
            }
            try await deleteMembership(access.workspace.id, access.userID, on: connection)
            try await AuditLog.record(
                AuditEvent("membership.left", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "user", targetID: access.userID.uuidString.lowercased(), details: ["role": role.rawValue]),
                on: connection, logger: logger)
        }
    }

    /// Makes another member the OWNER and the caller an ADMIN, in one transaction; needs OWNER.
    public func transferOwnership(_ access: WorkspaceAccess, to userID: UUID, origin: ClientOrigin) async throws {
        guard access.role == .owner else { throw TenancyError.forbidden("Transferring ownership needs the OWNER role.") }
        guard access.workspace.kind != .personal else {
            throw TenancyError.badInput("A PERSONAL workspace stays with its account.", field: "workspaceId")
        }
        guard userID != access.userID else { throw TenancyError.badInput("You already own this workspace.", field: "userId") }
        try await database.withControlTransaction { connection in
            let current = try await lockedMembers(access.workspace.id, on: connection)
            guard current[userID] != nil else { throw TenancyError.memberNotFound }
            try await connection.query(
                "UPDATE control.memberships SET role = 'OWNER' WHERE workspace_id = \(access.workspace.id) AND user_id = \(userID)", logger: logger)
            try await connection.query(
                "UPDATE control.memberships SET role = 'ADMIN' WHERE workspace_id = \(access.workspace.id) AND user_id = \(access.userID)", logger: logger)
            try await AuditLog.record(
                AuditEvent("workspace.ownership_transferred", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "user", targetID: userID.uuidString.lowercased()),
                on: connection, logger: logger)
        }
    }

    /// The workspace's memberships, locked until the transaction ends.
    func lockedMembers(_ workspaceID: UUID, on connection: PostgresConnection) async throws -> [UUID: WorkspaceRole] {
        let rows = try await connection.query(
            "SELECT user_id, role FROM control.memberships WHERE workspace_id = \(workspaceID) FOR UPDATE", logger: logger)
        var result: [UUID: WorkspaceRole] = [:]
        for try await (user, role) in rows.decode((UUID, String).self) { result[user] = WorkspaceRole(rawValue: role) }
        return result
    }

    private func deleteMembership(_ workspaceID: UUID, _ userID: UUID, on connection: PostgresConnection) async throws {
        try await connection.query(
            "DELETE FROM control.memberships WHERE workspace_id = \(workspaceID) AND user_id = \(userID)", logger: logger)
    }
}
