/// A person's role in a workspace they belong to, strongest first.
public enum WorkspaceRole: String, Sendable, CaseIterable, Comparable {
    case owner = "OWNER"
    case admin = "ADMIN"
    case member = "MEMBER"
    case viewer = "VIEWER"

    /// Higher is stronger.
    public var rank: Int {
        switch self {
        case .owner: 4
        case .admin: 3
        case .member: 2
        case .viewer: 1
        }
    }

    public static func < (lhs: WorkspaceRole, rhs: WorkspaceRole) -> Bool { lhs.rank < rhs.rank }
}

/// What an advisor workspace was granted on a client workspace.
public enum AdvisorAccess: String, Sendable, CaseIterable {
    /// Reads like a VIEWER, and may write notes.
    case read = "ADVISOR_READ"
    /// Acts like a MEMBER.
    case write = "ADVISOR_WRITE"
}

/// How the caller reaches a workspace: a membership role, or an advisor grant. Guards compare it with what a field
/// requires (`@requires(role:)` in schema.graphql).
public enum AccessRole: String, Sendable, CaseIterable {
    case owner = "OWNER"
    case admin = "ADMIN"
    case member = "MEMBER"
    case viewer = "VIEWER"
    case advisorRead = "ADVISOR_READ"
    case advisorWrite = "ADVISOR_WRITE"

    /// The access a membership gives.
    public init(_ role: WorkspaceRole) {
        switch role {
        case .owner: self = .owner
        case .admin: self = .admin
        case .member: self = .member
        case .viewer: self = .viewer
        }
    }

    /// The access an advisor grant gives.
    public init(_ access: AdvisorAccess) {
        switch access {
        case .read: self = .advisorRead
        case .write: self = .advisorWrite
        }
    }

    /// Whether this access meets a field's requirement. ADVISOR_READ ranks with VIEWER and ADVISOR_WRITE with MEMBER
    /// (DESIGN.md section 4); requiring ADVISOR_READ means "VIEWER plus notes": members, admins, owners and both kinds
    /// of advisor, not viewers. Advisors never meet ADMIN or OWNER.
    public func satisfies(_ required: AccessRole) -> Bool {
        switch required {
        case .viewer: return true
        case .advisorRead: return self != .viewer
        case .member, .advisorWrite: return [.owner, .admin, .member, .advisorWrite].contains(self)
        case .admin: return self == .owner || self == .admin
        case .owner: return self == .owner
        }
    }

    /// The membership role, when the access comes from a membership.
    public var membershipRole: WorkspaceRole? { WorkspaceRole(rawValue: rawValue) }

    /// Whether the access comes from an advisor grant.
    public var isAdvisor: Bool { self == .advisorRead || self == .advisorWrite }
}
