import Foundation
import PostgresNIO

extension LedgerService {
    /// Count, income, spending and net of the transactions matching `filter`, in the workspace's base currency.
    /// Transfers count but move no money in or out.
    public func totals(_ access: WorkspaceAccess, filter: TransactionFilter) async throws -> TransactionTotals {
        var sql = SQLBuilder()
        let conditions = try Self.conditions(filter, &sql)
        let prepared = sql
        let (base, count, sums) = try await read(access) { connection in
            var sql = prepared
            let base = try await Self.baseCurrency(on: connection, logger: logger)
            let basePlaceholder = try sql.bind(base.code)
            let statement = """
                SELECT t.currency, \(Self.conversionDaySQL(base: basePlaceholder)) AS day,
                       coalesce(sum(t.amount) FILTER (WHERE t.kind = 'INCOME'), 0)::int8,
                       coalesce(sum(t.amount) FILTER (WHERE t.kind = 'EXPENSE'), 0)::int8, count(*)
                FROM transactions t WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
                GROUP BY 1, 2
                """
            var count = 0
            var sums: [CurrencySum] = []
            for try await (code, day, income, expense, rows) in try await connection.query(sql.query(statement), logger: logger)
                .decode((String, Int32?, Int64, Int64, Int64).self) {
                count += Int(rows)
                sums.append(Self.currencySum(code: code, day: day, minorUnits: income))
                sums.append(Self.currencySum(code: code, day: day, minorUnits: expense))
            }
            return (base, count, sums)
        }
        let converted = try await toBase(sums, base: base)
        var income: Int64 = 0
        var expenses: Int64 = 0
        for (index, value) in converted.enumerated() {
            if index % 2 == 0 { income += value } else { expenses -= value }
        }
        return TransactionTotals(
            count: count, income: Money(minorUnits: income, currency: base), expenses: Money(minorUnits: expenses, currency: base),
            net: Money(minorUnits: income - expenses, currency: base))
    }
}
