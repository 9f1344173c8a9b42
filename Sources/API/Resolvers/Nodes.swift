import Domain
import Foundation
import GraphQLEngine

/// A `Workspace` the caller opened: the access travels with it, so guards and resolvers below need no lookup.
struct WorkspaceNode: Sendable {
    let access: WorkspaceAccess
}

/// A `Session` of the caller.
struct SessionNode: Sendable {
    let session: SessionInfo
    let isCurrent: Bool
}

/// An `AuthPayload`.
struct AuthNode: Sendable {
    let tokens: TokenPair
    let user: User
}

/// A `Member` of a workspace.
struct MemberNode: Sendable {
    let membership: Membership
}

/// The `Admin` namespace.
struct AdminNode: Sendable {}

/// An edge of a Relay connection.
struct EdgeNode<Item: Sendable>: Sendable {
    let cursor: String
    let item: Item
}

extension Page {
    /// The connection's `pageInfo` as response data.
    var pageInfo: GraphQLValue {
        .object(["hasNextPage": .bool(hasNextPage), "endCursor": items.last.map { .string($0.cursor) } ?? .null])
    }

    /// The connection's edges as sources.
    var edges: Resolved {
        .list(items.map { .object(EdgeNode(cursor: $0.cursor, item: $0.item)) })
    }
}

extension UUID {
    /// The id as the API spells it: lower-case.
    var apiID: String { uuidString.lowercased() }
}

extension Resolved {
    /// A non-null string.
    static func id(_ uuid: UUID) -> Resolved { .string(uuid.apiID) }
    /// An instant.
    static func date(_ date: Date) -> Resolved { .string(DateTimeScalar.string(date)) }
    /// An optional instant.
    static func date(_ date: Date?) -> Resolved { date.map { .string(DateTimeScalar.string($0)) } ?? .null }
    /// A list of sources.
    static func objects<S: Sendable>(_ items: [S]) -> Resolved { .list(items.map { .object($0) }) }
}
