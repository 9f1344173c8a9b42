import Foundation

/// Which side of the ledger a category is on.
public enum CategoryKind: String, Sendable, CaseIterable {
    case income = "INCOME", expense = "EXPENSE"
}

/// A category of a workspace; at most one level of hierarchy (a parent has no parent).
public struct Category: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let name: String
    public let kind: CategoryKind
    public let parentID: UUID?
    /// The default taxonomy's key (Plaid primary or detailed category), nil for a custom category.
    public let key: String?
    public let archivedAt: Date?
}

/// A tag of a workspace.
public struct Tag: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let name: String
}
