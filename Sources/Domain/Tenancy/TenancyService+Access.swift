import Foundation
import Logging
import Persistence
import PostgresNIO

extension TenancyService {
    /// The caller's access to a workspace, or nil when it does not exist or the caller has none (the same answer, so
    /// ids cannot be probed). A membership wins over an advisor grant; between grants the stronger one counts. A VIEWER
    /// of the advisor workspace gets at most ADVISOR_READ through its grants.
    public func access(userID: UUID, workspaceID: UUID) async throws -> WorkspaceAccess? {
        try await accesses(userID: userID, workspaceIDs: [workspaceID])[workspaceID]
    }

    /// `access(userID:workspaceID:)` for several workspaces in one statement.
    public func accesses(userID: UUID, workspaceIDs: [UUID]) async throws -> [UUID: WorkspaceAccess] {
        guard !workspaceIDs.isEmpty else { return [:] }
        return try await database.withControlTransaction { connection in
            try await accesses(userID: userID, workspaceIDs: workspaceIDs, on: connection)
        }
    }

    /// The same inside the caller's transaction.
    public func accesses(userID: UUID, workspaceIDs: [UUID], on connection: PostgresConnection) async throws -> [UUID: WorkspaceAccess] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.workspaceColumns), m.role, g.id, g.access
            FROM control.workspaces w
            LEFT JOIN control.memberships m ON m.workspace_id = w.id AND m.user_id = \(userID)
            LEFT JOIN LATERAL (
                SELECT g.id, CASE WHEN am.role = 'VIEWER' THEN 'ADVISOR_READ' ELSE g.access END AS access
                FROM control.advisor_grants g
                JOIN control.memberships am ON am.workspace_id = g.advisor_workspace_id AND am.user_id = \(userID)
                WHERE g.client_workspace_id = w.id AND g.status = 'ACTIVE' AND (g.expires_at IS NULL OR g.expires_at > now())
                ORDER BY (CASE WHEN am.role = 'VIEWER' THEN 'ADVISOR_READ' ELSE g.access END) = 'ADVISOR_WRITE' DESC, g.created_at
                LIMIT 1
            ) g ON m.role IS NULL
            WHERE w.id = ANY(\(workspaceIDs)) AND (m.role IS NOT NULL OR g.id IS NOT NULL)
            """,
            logger: logger
        )
        var result: [UUID: WorkspaceAccess] = [:]
        for try await row in rows.decode((UUID, String, String, String, String, Date, String?, UUID?, String?).self) {
            guard let workspace = Self.workspace((row.0, row.1, row.2, row.3, row.4, row.5)) else { continue }
            if let role = row.6.flatMap(WorkspaceRole.init(rawValue:)) {
                result[workspace.id] = WorkspaceAccess(workspace: workspace, userID: userID, role: AccessRole(role), grantID: nil)
            } else if let grant = row.7, let access = row.8.flatMap(AdvisorAccess.init(rawValue:)) {
                result[workspace.id] = WorkspaceAccess(workspace: workspace, userID: userID, role: AccessRole(access), grantID: grant)
            }
        }
        return result
    }

    /// Writes the audit record every advisor access gets (DESIGN.md section 4); a no-op for members.
    public func recordAdvisorAccess(_ access: WorkspaceAccess, origin: ClientOrigin) async throws {
        guard let grant = access.grantID else { return }
        try await database.withControlTransaction { connection in
            try await AuditLog.record(
                AuditEvent(
                    "advisor.access", actor: access.userID, origin: origin, workspace: access.workspace.id,
                    targetType: "advisor_grant", targetID: grant.uuidString.lowercased(), details: ["access": access.role.rawValue]),
                on: connection, logger: logger)
        }
    }

    /// The workspaces the user is a member of, with the role, personal first then by name.
    public func memberships(userID: UUID) async throws -> [(WorkspaceInfo, WorkspaceRole)] {
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.workspaceColumns), m.role
            FROM control.memberships m JOIN control.workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = \(userID)
            ORDER BY w.kind = 'PERSONAL' DESC, lower(w.name), w.id
            """,
            logger: logger
        )
        var result: [(WorkspaceInfo, WorkspaceRole)] = []
        for try await row in rows.decode((UUID, String, String, String, String, Date, String).self) {
            guard let workspace = Self.workspace((row.0, row.1, row.2, row.3, row.4, row.5)),
                let role = WorkspaceRole(rawValue: row.6)
            else { continue }
            result.append((workspace, role))
        }
        return result
    }

    /// Workspaces by id, for references the caller may see by name only (the other side of an advisor grant).
    public func workspaces(ids: [UUID]) async throws -> [UUID: WorkspaceInfo] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.workspaceColumns) FROM control.workspaces w WHERE w.id = ANY(\(ids))", logger: logger)
        var result: [UUID: WorkspaceInfo] = [:]
        for try await row in rows.decode((UUID, String, String, String, String, Date).self) {
            if let workspace = Self.workspace(row) { result[workspace.id] = workspace }
        }
        return result
    }
}
