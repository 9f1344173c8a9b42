import Foundation
import Logging
import Persistence
import PostgresNIO

/// Workspaces, memberships, invitations and advisor grants: who may enter which workspace, with what role.
///
/// Operations take the caller's proven `WorkspaceAccess` (from `access(userID:workspaceID:)`) and check their own rules
/// on it, so they stay safe even when called from somewhere other than a guarded GraphQL field.
public struct TenancyService: Sendable {
    public let database: Database
    public let provisioner: WorkspaceProvisioner
    /// How long an invitation link stays valid.
    public let invitationLifetime: Duration
    /// Links in mails start with this (the web app's address).
    public let publicBaseURL: String
    let logger: Logger

    /// A service over `database`; new workspaces come from `provisioner`.
    public init(
        database: Database, provisioner: WorkspaceProvisioner, invitationLifetime: Duration = .seconds(7 * 24 * 3600),
        publicBaseURL: String = "http://127.0.0.1:8080", logger: Logger
    ) {
        self.database = database
        self.provisioner = provisioner
        self.invitationLifetime = invitationLifetime
        self.publicBaseURL = publicBaseURL
        self.logger = logger
    }

    static let workspaceColumns = "w.id, w.kind, w.name, w.plan, w.schema_name, w.created_at"

    static func workspace(_ row: (UUID, String, String, String, String, Date)) -> WorkspaceInfo? {
        guard let kind = WorkspaceKind(rawValue: row.1), let schema = WorkspaceSchemaName(validating: row.4) else { return nil }
        return WorkspaceInfo(id: row.0, kind: kind, name: row.2, plan: row.3, schema: schema, createdAt: row.5)
    }
}
