import Foundation
import PostgresNIO

extension LedgerService {
    static let categoryColumns = "c.id, c.name, c.kind, c.parent_id, c.key, c.archived_at"

    static func category(_ row: PostgresRow) throws -> Category {
        let (id, name, kind, parent, key, archived) = try row.decode((UUID, String, String, UUID?, String?, Date?).self)
        return Category(id: id, name: name, kind: CategoryKind(rawValue: kind) ?? .expense, parentID: parent, key: key, archivedAt: archived)
    }

    /// The workspace's categories, parents before their children, by name.
    public func categories(_ access: WorkspaceAccess, includeArchived: Bool = false) async throws -> [Category] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.categoryColumns) FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
                WHERE \(includeArchived) OR c.archived_at IS NULL
                ORDER BY c.kind DESC, lower(coalesce(p.name, c.name)), c.parent_id IS NOT NULL, lower(c.name)
                """, logger: logger)
            var categories: [Category] = []
            for try await row in rows { categories.append(try Self.category(row)) }
            return categories
        }
    }

    /// Categories by id, for batch loaders.
    public func categories(_ access: WorkspaceAccess, ids: [UUID]) async throws -> [UUID: Category] {
        try await read(access) { connection in
            let rows = try await connection.query("SELECT \(unescaped: Self.categoryColumns) FROM categories c WHERE c.id = ANY(\(ids))", logger: logger)
            var categories: [UUID: Category] = [:]
            for try await row in rows {
                let category = try Self.category(row)
                categories[category.id] = category
            }
            return categories
        }
    }

    /// Creates a custom category, at the top or under a top-level parent (whose kind it takes).
    public func createCategory(_ access: WorkspaceAccess, name: String, kind: CategoryKind?, parentID: UUID?) async throws -> Category {
        let name = try TextField.clean(name, field: "name", maximum: 100, required: true)
        return try await write(access) { connection in
            var kind = kind
            if let parentID {
                let parent = try await Self.liveCategory(parentID, field: "parentId", on: connection, logger: logger)
                guard parent.parentID == nil else {
                    throw LedgerError.badInput("Categories have one level: \"\(parent.name)\" is itself a subcategory.", field: "parentId")
                }
                if let kind, kind != parent.kind {
                    throw LedgerError.badInput("A subcategory has its parent's kind (\(parent.kind.rawValue)).", field: "kind")
                }
                kind = parent.kind
            }
            guard let kind else { throw LedgerError.badInput("kind is required for a top-level category.", field: "kind") }
            try await Self.checkCategoryName(name, parentID: parentID, excluding: nil, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO categories (id, name, kind, parent_id) VALUES (\(UUID()), \(name), \(kind.rawValue), \(parentID))
                RETURNING \(unescaped: Self.categoryColumns.replacingOccurrences(of: "c.", with: ""))
                """, logger: logger)
            for try await row in rows { return try Self.category(row) }
            throw LedgerError.notFound("category", field: "id")
        }
    }

    /// Renames a category (defaults too: their key keeps them recognisable).
    public func renameCategory(_ access: WorkspaceAccess, id: UUID, name: String) async throws -> Category {
        let name = try TextField.clean(name, field: "name", maximum: 100, required: true)
        return try await write(access) { connection in
            let current = try await Self.liveCategory(id, field: "id", on: connection, logger: logger)
            try await Self.checkCategoryName(name, parentID: current.parentID, excluding: id, on: connection, logger: logger)
            let rows = try await connection.query(
                "UPDATE categories SET name = \(name) WHERE id = \(id) RETURNING \(unescaped: Self.categoryColumns.replacingOccurrences(of: "c.", with: ""))",
                logger: logger)
            for try await row in rows { return try Self.category(row) }
            throw LedgerError.notFound("category", field: "id")
        }
    }

    /// Archives a category and its subcategories (hidden from pickers; past transactions keep it), or restores one.
    public func setCategoryArchived(_ access: WorkspaceAccess, id: UUID, archived: Bool) async throws -> Category {
        try await write(access) { connection in
            let rows = try await connection.query(
                """
                UPDATE categories SET archived_at = CASE WHEN \(archived) THEN coalesce(archived_at, now()) END
                WHERE id = \(id) OR (\(archived) AND parent_id = \(id))
                RETURNING \(unescaped: Self.categoryColumns.replacingOccurrences(of: "c.", with: ""))
                """, logger: logger)
            var result: Category?
            for try await row in rows {
                let category = try Self.category(row)
                if category.id == id { result = category }
            }
            guard let result else { throw LedgerError.notFound("category", field: "id") }
            return result
        }
    }

    /// Merges `sourceID` into `targetID`: every transaction, split line, budget and recurring rule of the source (and
    /// of its subcategories, which move under the target or into it) moves to the target; the source is archived.
    /// Returns how many transactions and split lines moved.
    public func mergeCategory(_ access: WorkspaceAccess, sourceID: UUID, targetID: UUID) async throws -> Int {
        guard sourceID != targetID else { throw LedgerError.badInput("A category cannot be merged into itself.", field: "targetId") }
        return try await write(access) { connection in
            let source = try await Self.liveCategory(sourceID, field: "sourceId", on: connection, logger: logger)
            let target = try await Self.liveCategory(targetID, field: "targetId", on: connection, logger: logger)
            guard source.kind == target.kind else {
                throw LedgerError.badInput("\"\(source.name)\" is \(source.kind.rawValue) and \"\(target.name)\" is \(target.kind.rawValue): merge categories of one kind.", field: "targetId")
            }
            guard target.parentID != sourceID else {
                throw LedgerError.badInput("\"\(target.name)\" is a subcategory of \"\(source.name)\": merge it the other way round.", field: "targetId")
            }
            // A subcategory merged away takes its children's money with it; a parent's children move under the
            // target when it is top-level, otherwise into the target itself.
            let rows = try await connection.query(
                """
                WITH moved_ids AS (
                    SELECT id FROM categories WHERE id = \(sourceID)
                    UNION ALL SELECT id FROM categories WHERE parent_id = \(sourceID) AND \(target.parentID != nil)
                ), txns AS (
                    UPDATE transactions SET category_id = \(targetID) WHERE category_id IN (SELECT id FROM moved_ids) RETURNING 1
                ), lines AS (
                    UPDATE transaction_splits SET category_id = \(targetID) WHERE category_id IN (SELECT id FROM moved_ids) RETURNING 1
                ), rules AS (
                    UPDATE recurring_rules SET category_id = \(targetID) WHERE category_id IN (SELECT id FROM moved_ids) RETURNING 1
                ), budgets_moved AS (
                    UPDATE budgets SET category_id = \(targetID) WHERE category_id IN (SELECT id FROM moved_ids) RETURNING 1
                ), children AS (
                    UPDATE categories SET parent_id = \(targetID) WHERE parent_id = \(sourceID) AND \(target.parentID == nil) RETURNING 1
                ), archived AS (
                    UPDATE categories SET archived_at = now() WHERE id IN (SELECT id FROM moved_ids) RETURNING 1
                )
                SELECT (SELECT count(*) FROM txns) + (SELECT count(*) FROM lines), (SELECT count(*) FROM children),
                       (SELECT count(*) FROM archived), (SELECT count(*) FROM rules) + (SELECT count(*) FROM budgets_moved)
                """, logger: logger)
            for try await (moved, _, _, _) in rows.decode((Int64, Int64, Int64, Int64).self) { return Int(moved) }
            return 0
        }
    }

    /// A live category of this workspace, or NOT_FOUND naming `field`.
    static func liveCategory(_ id: UUID, field: String, on connection: PostgresConnection, logger: Logger) async throws -> Category {
        let rows = try await connection.query("SELECT \(unescaped: categoryColumns) FROM categories c WHERE c.id = \(id)", logger: logger)
        for try await row in rows {
            let category = try category(row)
            guard category.archivedAt == nil else {
                throw LedgerError.badInput("The category \"\(category.name)\" is archived; restore it first.", field: field)
            }
            return category
        }
        throw LedgerError.notFound("category", field: field)
    }

    /// Checks that every id names a live category; NOT_FOUND names the first missing one.
    static func checkCategories(_ ids: [(UUID, String)], on connection: PostgresConnection, logger: Logger) async throws {
        guard !ids.isEmpty else { return }
        let rows = try await connection.query(
            "SELECT id FROM categories WHERE id = ANY(\(ids.map(\.0))) AND archived_at IS NULL", logger: logger)
        var found = Set<UUID>()
        for try await id in rows.decode(UUID.self) { found.insert(id) }
        if let missing = ids.first(where: { !found.contains($0.0) }) {
            throw LedgerError.notFound("live category", field: missing.1)
        }
    }

    static func checkCategoryName(_ name: String, parentID: UUID?, excluding id: UUID?, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            """
            SELECT 1 FROM categories WHERE lower(name) = lower(\(name)) AND parent_id IS NOT DISTINCT FROM \(parentID)
              AND archived_at IS NULL AND id IS DISTINCT FROM \(id)
            """, logger: logger)
        for try await _ in rows { throw LedgerError(.conflict, "A category named \"\(name)\" already exists there.", field: "name") }
    }
}
