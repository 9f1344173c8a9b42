import Foundation
import Logging
import Persistence
import PostgresNIO

/// One row of a workspace's `workspace_settings` table.
public struct WorkspaceSetting: Sendable, Hashable {
    public let key: String
    public let value: String
    public let updatedAt: Date
}

extension TenancyService {
    /// A workspace's settings by key, read inside the workspace's own scope.
    public func settings(of workspace: WorkspaceInfo) async throws -> [WorkspaceSetting] {
        try await database.withWorkspaceTransaction(workspace.schema) { connection in
            let rows = try await connection.query("SELECT key, value, updated_at FROM workspace_settings ORDER BY key", logger: logger)
            var settings: [WorkspaceSetting] = []
            for try await (key, value, updatedAt) in rows.decode((String, String, Date).self) {
                settings.append(WorkspaceSetting(key: key, value: value, updatedAt: updatedAt))
            }
            return settings
        }
    }

    /// Sets one setting; needs ADMIN. Keys are 1-100 characters of a-z, 0-9, `_`, `.` and `-`; values up to 2,000.
    public func setSetting(_ access: WorkspaceAccess, key: String, value: String, origin: ClientOrigin) async throws -> WorkspaceSetting {
        guard access.role.satisfies(.admin) else { throw TenancyError.forbidden("Changing settings needs the ADMIN role.") }
        guard (1...100).contains(key.count), key.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_.-".contains($0) }) else {
            throw TenancyError.badInput("A setting key has 1 to 100 characters: a-z, 0-9, _, . or -.", field: "key")
        }
        guard value.count <= 2_000 else { throw TenancyError.badInput("A setting value has at most 2,000 characters.", field: "value") }
        var value = value
        if key == "currency" {
            // The base currency of totals, dashboards and new budgets: it must be one we can convert into.
            guard let currency = Currency(code: value) else {
                throw TenancyError.badInput("currency must be an ISO 4217 code such as USD or EUR.", field: "value")
            }
            value = currency.code
        }
        let setting = try await database.withWorkspaceTransaction(access.workspace.schema) { connection in
            try await Self.upsertSetting(key: key, value: value, on: connection, logger: logger)
        }
        try await database.withControlTransaction { connection in
            try await AuditLog.record(
                AuditEvent("workspace.setting_changed", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "setting", targetID: key),
                on: connection, logger: logger)
        }
        return setting
    }

    /// Writes one setting inside the caller's open workspace transaction (for seeds and imports that checked it).
    public static func upsertSetting(key: String, value: String, on connection: PostgresConnection, logger: Logger) async throws -> WorkspaceSetting {
        let rows = try await connection.query(
            """
            INSERT INTO workspace_settings (key, value) VALUES (\(key), \(value))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
            RETURNING updated_at
            """, logger: logger)
        var updatedAt = Date()
        for try await value in rows.decode(Date.self) { updatedAt = value }
        return WorkspaceSetting(key: key, value: value, updatedAt: updatedAt)
    }
}
