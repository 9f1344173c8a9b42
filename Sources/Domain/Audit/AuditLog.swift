import Foundation
import Logging
import PostgresNIO

/// Writes and reads the audit log. Writes join the caller's transaction, so an action and its record commit together.
public enum AuditLog {
    /// Appends `event` inside the caller's open transaction.
    public static func record(_ event: AuditEvent, on connection: PostgresConnection, logger: Logger) async throws {
        let details = String(decoding: try JSONSerialization.data(withJSONObject: event.details, options: [.sortedKeys]), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO control.audit_log (action, actor_user_id, actor_address, workspace_id, target_type, target_id, details)
            VALUES (\(event.action), \(event.actorUserID), \(event.actorAddress), \(event.workspaceID),
                    \(event.targetType), \(event.targetID), \(details)::jsonb)
            """,
            logger: logger
        )
    }
}
