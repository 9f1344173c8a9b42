import Foundation
import Logging
import Persistence
import PostgresNIO

/// An invitation just made, with the secret of its link (sent by mail; returned once for the inviter's own use).
public struct IssuedInvitation: Sendable {
    public let invitation: Invitation
    public let token: String
}

extension TenancyService {
    static let invitationColumns = """
        id, workspace_id, email, role, invited_by, created_at, expires_at,
        CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN revoked_at IS NOT NULL THEN 'REVOKED'
             WHEN expires_at <= now() THEN 'EXPIRED' ELSE 'PENDING' END
        """

    /// Invites an e-mail address into a BUSINESS or ADVISOR workspace with a role up to the inviter's own (never
    /// OWNER); needs ADMIN. The link goes out through the mail outbox in the same transaction.
    public func invite(_ access: WorkspaceAccess, email: String, role: WorkspaceRole, origin: ClientOrigin) async throws -> IssuedInvitation {
        guard let actorRole = access.role.membershipRole, actorRole >= .admin else {
            throw TenancyError.forbidden("Inviting people needs the ADMIN role.")
        }
        guard access.workspace.kind != .personal else {
            throw TenancyError.badInput("A PERSONAL workspace cannot have other members; create a BUSINESS workspace.", field: "workspaceId")
        }
        guard role != .owner else {
            throw TenancyError.badInput("Invite as ADMIN, MEMBER or VIEWER; ownership is transferred to an existing member.", field: "role")
        }
        let address: String
        do {
            address = try EmailAddress.validated(email)
        } catch {
            throw TenancyError.badInput(error.message, field: "email")
        }
        let token = OpaqueToken.generate()
        let id = UUID()
        return try await database.withControlTransaction { connection in
            let existing = try await connection.query(
                """
                SELECT 1 FROM control.memberships m JOIN control.users u ON u.id = m.user_id
                WHERE m.workspace_id = \(access.workspace.id) AND lower(u.email) = lower(\(address))
                """, logger: logger)
            for try await _ in existing { throw TenancyError(.conflict, "\(address) is already a member of this workspace.", field: "email") }
            let rows = try await connection.query(
                """
                INSERT INTO control.invitations (id, workspace_id, email, role, token_hash, invited_by, expires_at)
                VALUES (\(id), \(access.workspace.id), \(address), \(role.rawValue), \(token.hash), \(access.userID),
                        now() + make_interval(secs => \(invitationLifetime.timeInterval)))
                RETURNING \(unescaped: Self.invitationColumns)
                """, logger: logger)
            var invitation: Invitation?
            for try await row in rows.decode((UUID, UUID, String, String, UUID?, Date, Date, String).self) { invitation = Self.invitation(row) }
            guard let invitation else { throw TenancyError(.internalError, "The invitation was not stored.") }
            _ = try await MailOutbox.enqueue(
                Mail(
                    to: address, subject: "You are invited to \(access.workspace.name) on Budget AI",
                    textBody: """
                        You have been invited to join the workspace "\(access.workspace.name)" as \(role.rawValue).

                        Accept the invitation: \(publicBaseURL)/invitations/accept?token=\(token.value)

                        The link is valid until \(ISO8601DateFormatter().string(from: invitation.expiresAt)). If you did not expect it, ignore this mail.
                        """,
                    template: "invitation"),
                on: connection, logger: logger)
            try await AuditLog.record(
                AuditEvent("membership.invited", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "invitation", targetID: id.uuidString.lowercased(), details: ["email": address, "role": role.rawValue]),
                on: connection, logger: logger)
            return IssuedInvitation(invitation: invitation, token: token.value)
        }
    }

    /// Accepts an invitation: the caller must be signed in with the invited address. One use; expired, revoked and
    /// unknown tokens give the same NOT_FOUND.
    public func acceptInvitation(token: String, user: User, origin: ClientOrigin) async throws -> WorkspaceAccess {
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.invitationColumns) FROM control.invitations
                WHERE token_hash = \(OpaqueToken.hash(of: token)) FOR UPDATE
                """, logger: logger)
            var found: Invitation?
            for try await row in rows.decode((UUID, UUID, String, String, UUID?, Date, Date, String).self) { found = Self.invitation(row) }
            guard let invitation = found, invitation.status == .pending else { throw TenancyError.invitationNotFound }
            guard invitation.email.lowercased() == user.email.lowercased() else {
                throw TenancyError.forbidden("This invitation was sent to another e-mail address; sign in with that address to accept it.")
            }
            try await connection.query(
                "UPDATE control.invitations SET accepted_at = now(), accepted_by = \(user.id) WHERE id = \(invitation.id)", logger: logger)
            // Already a member (say, invited twice): keep the stronger role.
            try await connection.query(
                """
                INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(invitation.workspaceID), \(user.id), \(invitation.role.rawValue))
                ON CONFLICT (workspace_id, user_id) DO NOTHING
                """, logger: logger)
            try await AuditLog.record(
                AuditEvent("membership.invitation_accepted", actor: user.id, origin: origin, workspace: invitation.workspaceID,
                           targetType: "invitation", targetID: invitation.id.uuidString.lowercased(), details: ["role": invitation.role.rawValue]),
                on: connection, logger: logger)
            guard let access = try await accesses(userID: user.id, workspaceIDs: [invitation.workspaceID], on: connection)[invitation.workspaceID] else {
                throw TenancyError.workspaceNotFound
            }
            return access
        }
    }

    /// Withdraws a pending invitation; needs ADMIN. Unknown ids and other workspaces' invitations give NOT_FOUND.
    public func revokeInvitation(_ access: WorkspaceAccess, invitationID: UUID, origin: ClientOrigin) async throws {
        guard access.role.satisfies(.admin) else { throw TenancyError.forbidden("Revoking invitations needs the ADMIN role.") }
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE control.invitations SET revoked_at = now()
                WHERE id = \(invitationID) AND workspace_id = \(access.workspace.id) AND accepted_at IS NULL AND revoked_at IS NULL
                RETURNING id
                """, logger: logger)
            var changed = false
            for try await _ in rows { changed = true }
            guard changed else { throw TenancyError(.notFound, "No pending invitation with this id in this workspace.", field: "invitationId") }
            try await AuditLog.record(
                AuditEvent("membership.invitation_revoked", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "invitation", targetID: invitationID.uuidString.lowercased()),
                on: connection, logger: logger)
        }
    }

    /// A workspace's invitations, newest first.
    public func invitations(workspaceID: UUID) async throws -> [Invitation] {
        try await invitationRows(
            "SELECT \(unescaped: Self.invitationColumns) FROM control.invitations WHERE workspace_id = \(workspaceID) ORDER BY created_at DESC")
    }

    /// Pending invitations addressed to an e-mail, newest first.
    public func pendingInvitations(email: String) async throws -> [Invitation] {
        try await invitationRows(
            """
            SELECT \(unescaped: Self.invitationColumns) FROM control.invitations
            WHERE lower(email) = lower(\(email)) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            ORDER BY created_at DESC
            """)
    }

    private func invitationRows(_ query: PostgresQuery) async throws -> [Invitation] {
        let rows = try await database.client.query(query, logger: logger)
        var result: [Invitation] = []
        for try await row in rows.decode((UUID, UUID, String, String, UUID?, Date, Date, String).self) {
            if let invitation = Self.invitation(row) { result.append(invitation) }
        }
        return result
    }

    static func invitation(_ row: (UUID, UUID, String, String, UUID?, Date, Date, String)) -> Invitation? {
        guard let role = WorkspaceRole(rawValue: row.3), let status = Invitation.Status(rawValue: row.7) else { return nil }
        return Invitation(id: row.0, workspaceID: row.1, email: row.2, role: role, invitedBy: row.4, createdAt: row.5, expiresAt: row.6, status: status)
    }
}
