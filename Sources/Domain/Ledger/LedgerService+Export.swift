import Foundation
import PostgresNIO

extension LedgerService {
    /// The most rows one export holds.
    public static let maximumExportRows = 200_000

    /// The transactions matching `filter` as a CSV document. Summary: one record per transaction. Detailed: one record
    /// per split line (or per transaction when unsplit), with tags, notes and status. Text cells are neutralised
    /// against spreadsheet formula injection; amounts are plain decimals.
    public func exportTransactions(_ access: WorkspaceAccess, filter: TransactionFilter, sort: TransactionSort, detailed: Bool) async throws -> String {
        var sql = SQLBuilder()
        let conditions = try Self.conditions(filter, &sql)
        let (column, _) = sort.orderSQL
        let direction = sort.descending ? "DESC" : "ASC"
        let statement = """
            SELECT t.date::text, t.kind, a.name, t.payee, t.description, t.amount, t.currency,
                   coalesce(pc.name || ' / ', '') || coalesce(c.name, ''),
                   coalesce(s.amount, t.amount), coalesce(spc.name || ' / ', '') || coalesce(sc.name, ''), coalesce(s.memo, ''),
                   t.status, t.notes,
                   coalesce((SELECT string_agg(g.name, ', ' ORDER BY lower(g.name)) FROM transaction_tags tt JOIN tags g ON g.id = tt.tag_id
                             WHERE tt.transaction_id = t.id), ''),
                   t.id::text, s.position IS NOT NULL
            FROM transactions t JOIN accounts a ON a.id = t.account_id
            LEFT JOIN categories c ON c.id = t.category_id LEFT JOIN categories pc ON pc.id = c.parent_id
            LEFT JOIN transaction_splits s ON \(detailed ? "s.transaction_id = t.id" : "false")
            LEFT JOIN categories sc ON sc.id = s.category_id LEFT JOIN categories spc ON spc.id = sc.parent_id
            WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
            ORDER BY \(column) \(direction), t.id \(direction), s.position
            LIMIT \(Self.maximumExportRows + 1)
            """
        let query = sql.query(statement)
        return try await read(access) { connection in
            let rows = try await connection.query(query, logger: logger)
            var document = CSVExport.record(detailed
                ? ["Date", "Type", "Account", "Payee", "Description", "Amount", "Currency", "Category", "Line amount", "Line memo", "Status", "Tags", "Notes", "Transaction id"]
                : ["Date", "Type", "Account", "Payee", "Description", "Amount", "Currency", "Category"])
            var count = 0
            for try await row in rows {
                count += 1
                guard count <= Self.maximumExportRows else {
                    throw LedgerError.badInput("An export holds at most \(Self.maximumExportRows) rows: narrow the filter.", field: "filter")
                }
                let c = PostgresRandomAccessRow(row)
                let currency = try Cells.currency(c[6])
                let amount = MinorUnits.format(try c[5].decode(Int64.self), exponent: currency.exponent)
                let split = try c[15].decode(Bool.self)
                var fields = [try c[0].decode(String.self), try c[1].decode(String.self), try c[2].decode(String.self),
                              try c[3].decode(String.self), try c[4].decode(String.self), amount, currency.code,
                              split ? try c[9].decode(String.self) : try c[7].decode(String.self)]
                if detailed {
                    fields += [MinorUnits.format(try c[8].decode(Int64.self), exponent: currency.exponent), try c[10].decode(String.self),
                               try c[11].decode(String.self), try c[13].decode(String.self), try c[12].decode(String.self), try c[14].decode(String.self)]
                }
                document += CSVExport.record(fields.map(CSVExport.neutralised))
            }
            return document
        }
    }
}
