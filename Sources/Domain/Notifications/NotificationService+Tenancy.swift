import Foundation
import PostgresNIO

extension NotificationService {
    /// Tells an invited person who already has an account about the invitation (the link itself goes by mail, as
    /// for anyone invited; this is the in-app side). Nothing when the address has no account yet.
    @discardableResult
    public func memberInvited(_ invitation: Invitation, workspace: WorkspaceInfo) async -> UserNotification? {
        await producing("member invited") {
            let (logger, publicBaseURL) = (self.logger, self.publicBaseURL)
            let written = try await database.withControlTransaction { connection in
                let rows = try await connection.query(
                    """
                    SELECT u.id, (SELECT display_name FROM control.users WHERE id = \(invitation.invitedBy)::uuid)
                    FROM control.users u WHERE lower(u.email) = lower(\(invitation.email))
                    """, logger: logger)
                var drafts: [NotificationDraft] = []
                for try await (userID, inviter) in rows.decode((UUID, String?).self) {
                    drafts.append(NotificationDraft(
                        userID: userID, workspaceID: workspace.id, type: .memberInvited, title: "You are invited to \(workspace.name)",
                        body: "\(inviter ?? "Someone") invited you to join the workspace \(workspace.name) as \(invitation.role.rawValue). "
                            + "Accept it with the link in the invitation e-mail; it is valid until \(Self.rfc3339Day(invitation.expiresAt)).",
                        data: [
                            "invitationId": invitation.id.uuidString.lowercased(), "role": invitation.role.rawValue, "workspaceName": workspace.name,
                            "expiresAt": UserNotification.rfc3339(invitation.expiresAt),
                        ]))
                }
                return try await Self.deliver(drafts, on: connection, publicBaseURL: publicBaseURL, logger: logger)
            }
            await publish(written)
            return written
        }.first
    }

    /// Tells the client workspace's owners that an advisor workspace's access became active.
    @discardableResult
    public func advisorAccessGranted(_ grant: AdvisorGrant) async -> [UserNotification] {
        guard grant.status == .active else { return [] }
        return await producing("advisor access granted") {
            let advisorName = try await workspaceName(grant.advisorWorkspaceID)
            let verb = grant.access == .write ? "read and change" : "read"
            return try await notifyMembers(of: grant.clientWorkspaceID, roles: [.owner]) { userID, clientName in
                [NotificationDraft(
                    userID: userID, workspaceID: grant.clientWorkspaceID, type: .advisorAccessGranted,
                    title: "\(advisorName) can now \(verb) \(clientName)",
                    body: "The advisor workspace \(advisorName) has \(grant.access.rawValue) access to \(clientName)"
                        + (grant.expiresAt.map { " until \(UserNotification.rfc3339($0))" } ?? " with no end date")
                        + ". An admin of \(clientName) can revoke it at any time; every use is in the audit log.",
                    data: [
                        "grantId": grant.id.uuidString.lowercased(), "advisorWorkspaceId": grant.advisorWorkspaceID.uuidString.lowercased(),
                        "advisorWorkspaceName": advisorName, "access": grant.access.rawValue,
                    ])]
            }
        }
    }

    /// Tells the owners of a workspace that an advisor opened it through a grant, at most once per grant and day
    /// (UTC), however many requests the advisor makes. A no-op for members' own access.
    @discardableResult
    public func advisorAccessUsed(_ access: WorkspaceAccess, on day: CalendarDate = .today) async -> [UserNotification] {
        guard let grantID = access.grantID else { return [] }
        let key = "advisor_access_used:\(grantID.uuidString.lowercased()):\(day.iso)"
        guard !recentKeys.contains(key) else { return [] }
        return await producing("advisor access used") {
            let logger = self.logger
            let names = try await database.client.query(
                """
                SELECT (SELECT display_name FROM control.users WHERE id = \(access.userID)),
                       (SELECT w.name FROM control.advisor_grants g JOIN control.workspaces w ON w.id = g.advisor_workspace_id WHERE g.id = \(grantID))
                """, logger: logger)
            var advisor = ("An advisor", "an advisor workspace")
            for try await (person, practice) in names.decode((String?, String?).self) {
                advisor = (person ?? advisor.0, practice ?? advisor.1)
            }
            let verb = access.role == .advisorWrite ? "with write access" : "with read access"
            let written = try await notifyMembers(of: access.workspace.id, roles: [.owner]) { userID, workspaceName in
                [NotificationDraft(
                    userID: userID, workspaceID: access.workspace.id, type: .advisorAccessUsed, priority: .low,
                    title: "\(advisor.0) from \(advisor.1) opened \(workspaceName)",
                    body: "\(advisor.0) of the advisor workspace \(advisor.1) opened \(workspaceName) \(verb) on \(day.iso) (UTC). "
                        + "You hear of it once a day per grant; the audit log has every access.",
                    data: [
                        "grantId": grantID.uuidString.lowercased(), "advisorUserId": access.userID.uuidString.lowercased(),
                        "access": access.role.rawValue, "day": day.iso,
                    ],
                    onceKey: key)]
            }
            recentKeys.insert(key)
            return written
        }
    }

    /// A workspace's name ("a workspace" when it is gone).
    func workspaceName(_ id: UUID) async throws -> String {
        let rows = try await database.client.query("SELECT name FROM control.workspaces WHERE id = \(id)", logger: logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var found = "a workspace"
        for try await name in rows.decode(String.self) { found = name }
        return found
    }

    static func rfc3339Day(_ date: Date) -> String { String(UserNotification.rfc3339(date).prefix(10)) }
}
