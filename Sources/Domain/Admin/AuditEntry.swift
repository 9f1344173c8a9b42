import Foundation

/// A row of the audit log as admins read it.
public struct AuditEntry: Sendable, Hashable, Identifiable {
    public let id: Int64
    public let at: Date
    public let action: String
    public let actorUserID: UUID?
    public let actorAddress: String?
    public let workspaceID: UUID?
    public let targetType: String?
    public let targetID: String?
    /// The details object, as JSON text.
    public let details: String
}

/// What an audit-log query keeps.
public struct AuditFilter: Sendable, Equatable {
    /// Actions equal to this, or starting with it when it ends with a dot (`auth.`).
    public var action: String?
    public var actorUserID: UUID?
    public var workspaceID: UUID?
    public var since: Date?
    public var until: Date?

    /// A filter; nil parts keep everything.
    public init(action: String? = nil, actorUserID: UUID? = nil, workspaceID: UUID? = nil, since: Date? = nil, until: Date? = nil) {
        self.action = action
        self.actorUserID = actorUserID
        self.workspaceID = workspaceID
        self.since = since
        self.until = until
    }
}
