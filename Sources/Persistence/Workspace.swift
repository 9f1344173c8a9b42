import Foundation

/// A row of `control.workspaces`.
public struct Workspace: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let kind: WorkspaceKind
    /// The workspace's schema, which is also the name of its role.
    public let schema: WorkspaceSchemaName
    public let plan: String
    public let createdAt: Date

    /// Creates a workspace value; provisioning is what makes it exist.
    public init(id: UUID, kind: WorkspaceKind, schema: WorkspaceSchemaName, plan: String, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.schema = schema
        self.plan = plan
        self.createdAt = createdAt
    }
}
