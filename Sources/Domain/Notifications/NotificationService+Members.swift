import Foundation
import PostgresNIO

extension NotificationService {
    /// Delivers what `make` drafts for each member of `workspaceID` with one of `roles` (and for `alsoUserID` when
    /// that user is a member with any role), in one transaction with the lookup of the members; then publishes.
    /// `make` gets the member and the workspace's name.
    func notifyMembers(
        of workspaceID: UUID, roles: Set<WorkspaceRole>, alsoUserID: UUID? = nil,
        _ make: (_ userID: UUID, _ workspaceName: String) -> [NotificationDraft]
    ) async throws -> [UserNotification] {
        let (logger, publicBaseURL) = (self.logger, self.publicBaseURL)
        let written = try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                SELECT m.user_id, w.name FROM control.memberships m JOIN control.workspaces w ON w.id = m.workspace_id
                WHERE m.workspace_id = \(workspaceID) AND (m.role = ANY(\(roles.map(\.rawValue))::text[]) OR m.user_id = \(alsoUserID)::uuid)
                ORDER BY m.user_id
                """, logger: logger)
            var drafts: [NotificationDraft] = []
            for try await (userID, workspaceName) in rows.decode((UUID, String).self) { drafts += make(userID, workspaceName) }
            return try await Self.deliver(drafts, on: connection, publicBaseURL: publicBaseURL, logger: logger)
        }
        await publish(written)
        return written
    }
}
