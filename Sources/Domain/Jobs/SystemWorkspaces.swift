import Foundation
import Logging
import Persistence

/// Every workspace as the system sees it, for periodic work across tenants (recurring transactions, budget periods).
public enum SystemWorkspaces {
    /// The actor recorded for what the system writes: no person.
    public static let actor = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// Owner-level access to every workspace (or only `only`), oldest first, acting as `actor`.
    public static func all(database: Database, only: UUID? = nil, logger: Logger) async throws -> [WorkspaceAccess] {
        let rows = try await database.client.query(
            """
            SELECT id, kind, schema_name, plan, created_at FROM control.workspaces
            WHERE \(only)::uuid IS NULL OR id = \(only)
            ORDER BY created_at, id
            """, logger: logger)
        var accesses: [WorkspaceAccess] = []
        for try await (id, kind, schemaName, plan, createdAt) in rows.decode((UUID, String, String, String, Date).self) {
            guard let kind = WorkspaceKind(rawValue: kind), let schema = WorkspaceSchemaName(validating: schemaName) else { continue }
            let workspace = WorkspaceInfo(id: id, kind: kind, name: "", plan: plan, schema: schema, createdAt: createdAt)
            accesses.append(WorkspaceAccess(workspace: workspace, userID: actor, role: .owner, grantID: nil))
        }
        return accesses
    }
}
