import Foundation
import PostgresNIO

/// One page of a transaction search, in order, with each item's opaque cursor.
public struct TransactionPage: Sendable {
    public let items: [(cursor: String, transaction: LedgerTransaction)]
    public let hasNextPage: Bool
}

extension LedgerService {
    /// The largest page a search returns.
    public static let maximumPageSize = 500

    /// A page of the transactions matching `filter` in `sort` order, after the item whose cursor is `after`.
    public func searchTransactions(
        _ access: WorkspaceAccess, filter: TransactionFilter, sort: TransactionSort, first: Int, after: String?
    ) async throws -> TransactionPage {
        guard (0...Self.maximumPageSize).contains(first) else {
            throw LedgerError.badInput("first must be between 0 and \(Self.maximumPageSize).", field: "first")
        }
        var sql = SQLBuilder()
        var conditions = try Self.conditions(filter, &sql)
        let (column, cast) = sort.orderSQL
        if let after {
            guard let key = Cursor.decode(after), case let parts = key.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false),
                  parts.count == 3, parts[0] == sort.rawValue, let id = UUID(uuidString: String(parts[1])) else {
                throw LedgerError.badInput("after is not a cursor of this search and order.", field: "after")
            }
            let comparison = sort.descending ? "<" : ">"
            conditions.append("(\(column), t.id) \(comparison) (\(try sql.bind(String(parts[2])))::\(cast), \(try sql.bind(id)))")
        }
        let direction = sort.descending ? "DESC" : "ASC"
        let statement = """
            SELECT \(Self.transactionColumns), \(sort.keySQL) FROM transactions t
            WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
            ORDER BY \(column) \(direction), t.id \(direction) LIMIT \(first + 1)
            """
        let query = sql.query(statement)
        return try await read(access) { connection in
            let rows = try await connection.query(query, logger: logger)
            var items: [(cursor: String, transaction: LedgerTransaction)] = []
            for try await row in rows {
                let transaction = try Self.transaction(row)
                let key = try PostgresRandomAccessRow(row)[19].decode(String.self)
                items.append((Cursor.encode("\(sort.rawValue)|\(transaction.id.uuidString)|\(key)"), transaction))
            }
            let hasNextPage = items.count > first
            return TransactionPage(items: Array(items.prefix(first)), hasNextPage: hasNextPage)
        }
    }

    /// How many transactions match `filter`.
    public func countTransactions(_ access: WorkspaceAccess, filter: TransactionFilter) async throws -> Int {
        var sql = SQLBuilder()
        let conditions = try Self.conditions(filter, &sql)
        let query = sql.query("SELECT count(*) FROM transactions t WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))")
        return try await read(access) { connection in
            for try await count in try await connection.query(query, logger: logger).decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    /// The SQL conditions of a filter over `transactions t`, values bound through `sql`.
    static func conditions(_ filter: TransactionFilter, _ sql: inout SQLBuilder) throws -> [String] {
        var conditions: [String] = []
        if let from = filter.from { conditions.append("t.date >= \(try sql.bind(from.iso))::date") }
        if let to = filter.to { conditions.append("t.date <= \(try sql.bind(to.iso))::date") }
        if let from = filter.from, let to = filter.to, to < from {
            throw LedgerError.badInput("to (\(to)) is before from (\(from)).", field: "to")
        }
        for (bound, field, comparison) in [(filter.minAmount, "minAmount", ">="), (filter.maxAmount, "maxAmount", "<=")] {
            guard let bound else { continue }
            guard let scaled = MinorUnits.parse(bound, exponent: 4), scaled >= 0 else {
                throw LedgerError.badInput("\(field) must be a non-negative decimal number (got \"\(bound)\").", field: field)
            }
            // Compared exactly: |amount| × 10^4 against the bound in ten-thousandths × 10^exponent.
            conditions.append(
                "abs(t.amount)::numeric * 10000 \(comparison) \(try sql.bind(scaled))::numeric * \(Currency.minorUnitsPerMajorSQL("t.currency"))")
        }
        if let ids = filter.categoryIDs {
            let placeholder = try sql.bind(ids)
            conditions.append("""
                (t.category_id IN (SELECT id FROM categories WHERE id = ANY(\(placeholder)::uuid[]) OR parent_id = ANY(\(placeholder)::uuid[]))
                 OR EXISTS (SELECT FROM transaction_splits s WHERE s.transaction_id = t.id AND s.category_id IN
                    (SELECT id FROM categories WHERE id = ANY(\(placeholder)::uuid[]) OR parent_id = ANY(\(placeholder)::uuid[]))))
                """)
        }
        if let uncategorized = filter.uncategorized {
            let none = """
                (t.kind <> 'TRANSFER' AND t.category_id IS NULL
                 AND NOT EXISTS (SELECT FROM transaction_splits s WHERE s.transaction_id = t.id AND s.category_id IS NOT NULL))
                """
            conditions.append(uncategorized ? none : "NOT \(none)")
        }
        if let ids = filter.tagIDs {
            conditions.append("EXISTS (SELECT FROM transaction_tags tt WHERE tt.transaction_id = t.id AND tt.tag_id = ANY(\(try sql.bind(ids))::uuid[]))")
        }
        if let ids = filter.accountIDs { conditions.append("t.account_id = ANY(\(try sql.bind(ids))::uuid[])") }
        if let kinds = filter.kinds { conditions.append("t.kind = ANY(\(try sql.bind(kinds.map(\.rawValue)))::text[])") }
        if let statuses = filter.statuses { conditions.append("t.status = ANY(\(try sql.bind(statuses.map(\.rawValue)))::text[])") }
        if let sources = filter.sources { conditions.append("t.source = ANY(\(try sql.bind(sources.map(\.rawValue)))::text[])") }
        if let importID = filter.importID { conditions.append("t.import_id = \(try sql.bind(importID))") }
        if let text = filter.text, let query = Self.prefixQuery(text) {
            conditions.append("t.search @@ to_tsquery('simple', \(try sql.bind(query)))")
        }
        return conditions
    }

    /// A tsquery that matches every word of `text` as a prefix ("coff sta" finds "Coffee Stand"); nil when `text` has
    /// no letters or digits. Only letters and digits reach the tsquery, so its syntax cannot be injected.
    static func prefixQuery(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(10)
        guard !words.isEmpty else { return nil }
        return words.map { "\($0):*" }.joined(separator: " & ")
    }
}
