import Foundation

/// One entry of the append-only audit log (`control.audit_log`).
public struct AuditEvent: Sendable, Equatable {
    /// Dotted lower-case name, for example `auth.login_failed`, `membership.role_changed`, `advisor.access`.
    public var action: String
    public var actorUserID: UUID?
    public var actorAddress: String?
    public var workspaceID: UUID?
    /// What the action was done to (`user`, `workspace`, `membership`, `invitation`, `advisor_grant`, ...).
    public var targetType: String?
    public var targetID: String?
    /// Extra facts, stored as a JSON object of strings.
    public var details: [String: String]

    /// An event; `action` must match `^[a-z_]+(\.[a-z_]+)+$` (the table checks it).
    public init(
        _ action: String, actor: UUID? = nil, origin: ClientOrigin = .system, workspace: UUID? = nil,
        targetType: String? = nil, targetID: String? = nil, details: [String: String] = [:]
    ) {
        self.action = action
        self.actorUserID = actor
        self.actorAddress = origin.address
        self.workspaceID = workspace
        self.targetType = targetType
        self.targetID = targetID
        self.details = details
    }
}
