import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Admin, its connections and AuditEntry.
    mutating func bindAdmin() {
        sourceBacked("Admin")
        fieldAsync("Admin", "users", of: AdminNode.self) { _, input, request in
            let arguments = input.arguments
            return .object(try await request.services.admin.users(
                actor: try await request.requireUser(), search: arguments.string("search"),
                first: arguments.int("first") ?? 20, after: arguments.string("after")))
        }
        fieldAsync("Admin", "auditLog", of: AdminNode.self) { _, input, request in
            let arguments = input.arguments
            let filter = AuditFilter(
                action: arguments.string("action"),
                actorUserID: try arguments.optionalID("userId"),
                workspaceID: try arguments.optionalID("workspaceId"),
                since: arguments.date("since"), until: arguments.date("until"))
            return .object(try await request.services.admin.auditLog(
                actor: try await request.requireUser(), filter: filter, first: arguments.int("first") ?? 50, after: arguments.string("after")))
        }

        bindConnection("UserConnection", "UserEdge", of: User.self)
        bindConnection("AuditEntryConnection", "AuditEntryEdge", of: AuditEntry.self)

        sourceBacked("AuditEntry")
        field("AuditEntry", "id", of: AuditEntry.self) { .string(String($0.id)) }
        field("AuditEntry", "at", of: AuditEntry.self) { .date($0.at) }
        field("AuditEntry", "action", of: AuditEntry.self) { .string($0.action) }
        loaded("AuditEntry", "actor") { input in try await input.loadUser(try input.source(as: AuditEntry.self).actorUserID) }
        field("AuditEntry", "actorAddress", of: AuditEntry.self) { .string($0.actorAddress) }
        field("AuditEntry", "workspaceId", of: AuditEntry.self) { .string($0.workspaceID?.apiID) }
        field("AuditEntry", "targetType", of: AuditEntry.self) { .string($0.targetType) }
        field("AuditEntry", "targetId", of: AuditEntry.self) { .string($0.targetID) }
        field("AuditEntry", "details", of: AuditEntry.self) { .string($0.details) }
    }

    /// A Relay connection type and its edge type over `Page<Item>`.
    mutating func bindConnection<Item: Sendable>(_ connection: String, _ edge: String, of item: Item.Type) {
        sourceBacked(connection)
        field(connection, "edges", of: Page<Item>.self) { $0.edges }
        field(connection, "pageInfo", of: Page<Item>.self) { .value($0.pageInfo) }
        field(connection, "totalCount", of: Page<Item>.self) { .int($0.totalCount) }
        sourceBacked(edge)
        field(edge, "cursor", of: EdgeNode<Item>.self) { .string($0.cursor) }
        field(edge, "node", of: EdgeNode<Item>.self) { .object($0.item) }
    }
}

extension GraphQLObject {
    /// A required id argument as a UUID, or BAD_USER_INPUT naming the argument.
    func id(_ key: String) throws -> UUID {
        guard let text = string(key), let id = UUID(uuidString: text) else { throw APIError.badID(key) }
        return id
    }

    /// An optional id argument.
    func optionalID(_ key: String) throws -> UUID? {
        guard let text = string(key) else { return nil }
        guard let id = UUID(uuidString: text) else { throw APIError.badID(key) }
        return id
    }
}
