import Foundation
import Logging
import Persistence
import PostgresNIO

/// What platform staff do across tenants: find users, disable and enable them, grant business status, read the
/// audit log. Every change is audited in the same transaction. Callers check the platform role (the GraphQL guards);
/// the service checks it again.
public struct AdminService: Sendable {
    public let database: Database
    public let identity: IdentityService
    let logger: Logger

    /// A service over `database`; `identity` revokes the sessions of disabled users.
    public init(database: Database, identity: IdentityService, logger: Logger) {
        self.database = database
        self.identity = identity
        self.logger = logger
    }

    /// Users whose e-mail or name contains `search` (case-insensitive), newest first, `first` (1-100) after `after`.
    public func users(actor: User, search: String?, first: Int, after: String?) async throws -> Page<User> {
        guard actor.platformRole.satisfies(.support) else { throw AdminError.forbidden }
        let limit = try AdminError.pageSize(first)
        var afterKey: (Int64, UUID)?
        if let after {
            guard let key = Cursor.decode(after), let bar = key.firstIndex(of: "|"),
                let micros = Int64(key[..<bar]), let id = UUID(uuidString: String(key[key.index(after: bar)...]))
            else { throw AdminError.badCursor }
            afterKey = (micros, id)
        }
        let pattern = search.map { "%" + Self.escapeLike($0.trimmingCharacters(in: .whitespaces).lowercased()) + "%" }
        let countRows = try await database.client.query(
            """
            SELECT count(*)::int8 FROM control.users
            WHERE (\(pattern)::text IS NULL OR lower(email) LIKE \(pattern) OR lower(display_name) LIKE \(pattern))
            """, logger: logger)
        var total = 0
        for try await count in countRows.decode(Int64.self) { total = Int(count) }
        // Keyset pagination on (created_at in microseconds, id): stable under inserts, no OFFSET.
        let rows = try await database.client.query(
            """
            SELECT id, (extract(epoch FROM created_at) * 1000000)::int8 AS micros FROM control.users
            WHERE (\(pattern)::text IS NULL OR lower(email) LIKE \(pattern) OR lower(display_name) LIKE \(pattern))
              AND (\(afterKey?.0)::int8 IS NULL OR ((extract(epoch FROM created_at) * 1000000)::int8, id) < (\(afterKey?.0), \(afterKey?.1)))
            ORDER BY created_at DESC, id DESC
            LIMIT \(limit + 1)
            """, logger: logger)
        var ordered: [(UUID, Int64)] = []
        for try await row in rows.decode((UUID, Int64).self) { ordered.append(row) }
        let page = Array(ordered.prefix(limit))
        let users = try await identity.users(ids: page.map(\.0))
        let items = page.compactMap { id, micros in users[id].map { (cursor: Cursor.encode("\(micros)|\(id.uuidString)"), item: $0) } }
        return Page(items: items, hasNextPage: ordered.count > limit, totalCount: total)
    }

    /// Disables or enables an account; disabling ends every session at once. Needs platform ADMIN.
    public func setDisabled(actor: User, userID: UUID, disabled: Bool, reason: String?, origin: ClientOrigin) async throws -> User {
        guard actor.platformRole.satisfies(.admin) else { throw AdminError.forbidden }
        guard userID != actor.id else { throw AdminError.badInput("You cannot disable or enable your own account.", field: "userId") }
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE control.users SET disabled_at = CASE WHEN \(disabled) THEN coalesce(disabled_at, now()) END, updated_at = now()
                WHERE id = \(userID) RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows { found = true }
            guard found else { throw AdminError.userNotFound }
            if disabled { try await identity.revokeAllSessions(userID: userID, on: connection) }
            try await AuditLog.record(
                AuditEvent(disabled ? "admin.user_disabled" : "admin.user_enabled", actor: actor.id, origin: origin,
                           targetType: "user", targetID: userID.uuidString.lowercased(), details: reason.map { ["reason": $0] } ?? [:]),
                on: connection, logger: logger)
        }
        guard let user = try await identity.user(id: userID) else { throw AdminError.userNotFound }
        return user
    }

    /// Grants or withdraws business status (needed to create BUSINESS and ADVISOR workspaces). Needs platform ADMIN.
    public func setBusiness(actor: User, userID: UUID, isBusiness: Bool, origin: ClientOrigin) async throws -> User {
        guard actor.platformRole.satisfies(.admin) else { throw AdminError.forbidden }
        try await database.withControlTransaction { connection in
            let rows = try await connection.query(
                "UPDATE control.users SET is_business = \(isBusiness), updated_at = now() WHERE id = \(userID) RETURNING id", logger: logger)
            var found = false
            for try await _ in rows { found = true }
            guard found else { throw AdminError.userNotFound }
            try await AuditLog.record(
                AuditEvent(isBusiness ? "admin.business_granted" : "admin.business_revoked", actor: actor.id, origin: origin,
                           targetType: "user", targetID: userID.uuidString.lowercased()),
                on: connection, logger: logger)
        }
        guard let user = try await identity.user(id: userID) else { throw AdminError.userNotFound }
        return user
    }

    /// Audit-log entries matching `filter`, newest first. Needs platform ADMIN.
    public func auditLog(actor: User, filter: AuditFilter, first: Int, after: String?) async throws -> Page<AuditEntry> {
        guard actor.platformRole.satisfies(.admin) else { throw AdminError.forbidden }
        let limit = try AdminError.pageSize(first)
        var beforeID: Int64?
        if let after {
            guard let key = Cursor.decode(after), let id = Int64(key) else { throw AdminError.badCursor }
            beforeID = id
        }
        var prefix: String?
        var exact: String?
        if let action = filter.action { if action.hasSuffix(".") { prefix = Self.escapeLike(action) + "%" } else { exact = action } }
        let conditions: PostgresQuery = """
            (\(exact)::text IS NULL OR action = \(exact)) AND (\(prefix)::text IS NULL OR action LIKE \(prefix))
            AND (\(filter.actorUserID)::uuid IS NULL OR actor_user_id = \(filter.actorUserID))
            AND (\(filter.workspaceID)::uuid IS NULL OR workspace_id = \(filter.workspaceID))
            AND (\(filter.since)::timestamptz IS NULL OR at >= \(filter.since))
            AND (\(filter.until)::timestamptz IS NULL OR at < \(filter.until))
            """
        var total = 0
        for try await count in try await database.client.query(
            PostgresQuery(unsafeSQL: "SELECT count(*)::int8 FROM control.audit_log WHERE " + conditions.sql, binds: conditions.binds),
            logger: logger
        ).decode(Int64.self) { total = Int(count) }
        var page = conditions
        page.sql = "SELECT id, at, action, actor_user_id, actor_address, workspace_id, target_type, target_id, details::text"
            + " FROM control.audit_log WHERE " + conditions.sql
            + " AND ($\(conditions.binds.count + 1)::int8 IS NULL OR id < $\(conditions.binds.count + 1)) ORDER BY id DESC LIMIT \(limit + 1)"
        try page.binds.append(beforeID, context: .default)
        var entries: [AuditEntry] = []
        var more = false
        for try await row in try await database.client.query(page, logger: logger)
            .decode((Int64, Date, String, UUID?, String?, UUID?, String?, String?, String).self) {
            if entries.count == limit { more = true; continue }
            entries.append(AuditEntry(id: row.0, at: row.1, action: row.2, actorUserID: row.3, actorAddress: row.4,
                                      workspaceID: row.5, targetType: row.6, targetID: row.7, details: row.8))
        }
        return Page(items: entries.map { (cursor: Cursor.encode(String($0.id)), item: $0) }, hasNextPage: more, totalCount: total)
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

/// Why an admin operation was refused.
public struct AdminError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    static let forbidden = AdminError(code: .forbidden, message: "This needs a platform staff role.", field: nil)
    static let userNotFound = AdminError(code: .notFound, message: "No user with this id.", field: "userId")
    static let badCursor = AdminError(code: .badUserInput, message: "The cursor is not one this list gave out.", field: "after")

    static func badInput(_ message: String, field: String) -> AdminError { AdminError(code: .badUserInput, message: message, field: field) }

    static func pageSize(_ first: Int) throws(AdminError) -> Int {
        guard (1...100).contains(first) else { throw badInput("first must be between 1 and 100.", field: "first") }
        return first
    }
}
