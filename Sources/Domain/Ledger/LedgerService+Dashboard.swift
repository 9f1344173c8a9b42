import Foundation
import PostgresNIO

/// Reports over a period: each one statement in the workspace's scope, converted to the base currency afterwards.
extension LedgerService {
    /// Totals of `from...to` (transfers excluded).
    public func periodTotals(_ access: WorkspaceAccess, from: CalendarDate, to: CalendarDate) async throws -> PeriodTotals {
        try Self.checkPeriod(from, to)
        let (base, sums) = try await read(access) { connection in
            let base = try await Self.baseCurrency(on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT t.currency, \(unescaped: Self.conversionDaySQL(base: "'\(base.code)'")),
                       coalesce(sum(t.amount) FILTER (WHERE t.kind = 'INCOME'), 0)::int8,
                       coalesce(-sum(t.amount) FILTER (WHERE t.kind = 'EXPENSE'), 0)::int8
                FROM transactions t WHERE t.date BETWEEN \(from.iso)::date AND \(to.iso)::date AND t.kind <> 'TRANSFER'
                GROUP BY 1, 2
                """, logger: logger)
            var sums: [CurrencySum] = []
            for try await (code, day, income, expenses) in rows.decode((String, Int32?, Int64, Int64).self) {
                sums.append(Self.currencySum(code: code, day: day, minorUnits: income))
                sums.append(Self.currencySum(code: code, day: day, minorUnits: expenses))
            }
            return (base, sums)
        }
        let converted = try await toBase(sums, base: base)
        var income: Int64 = 0
        var expenses: Int64 = 0
        for (index, value) in converted.enumerated() {
            if index % 2 == 0 { income += value } else { expenses += value }
        }
        return PeriodTotals(from: from, to: to, income: income, expenses: expenses, currency: base)
    }

    /// Spending by category in `from...to`, largest first; split lines count in their own categories.
    /// With `topLevel`, subcategories add up into their parents.
    public func spendingByCategory(_ access: WorkspaceAccess, from: CalendarDate, to: CalendarDate, topLevel: Bool) async throws -> [CategorySpending] {
        try Self.checkPeriod(from, to)
        let (base, keys, sums, counts) = try await read(access) { connection in
            let base = try await Self.baseCurrency(on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT CASE WHEN \(topLevel) THEN coalesce(c.parent_id, l.category_id) ELSE l.category_id END AS category,
                       l.currency, \(unescaped: Self.conversionDaySQL(base: "'\(base.code)'").replacingOccurrences(of: "t.", with: "l.")),
                       (-sum(l.amount))::int8, count(DISTINCT l.transaction_id)
                FROM ledger_lines l LEFT JOIN categories c ON c.id = l.category_id
                WHERE l.date BETWEEN \(from.iso)::date AND \(to.iso)::date AND l.kind = 'EXPENSE'
                GROUP BY 1, 2, 3
                """, logger: logger)
            var keys: [UUID?] = []
            var sums: [CurrencySum] = []
            var counts: [Int] = []
            for try await (category, code, day, spent, count) in rows.decode((UUID?, String, Int32?, Int64, Int64).self) {
                keys.append(category)
                sums.append(Self.currencySum(code: code, day: day, minorUnits: spent))
                counts.append(Int(count))
            }
            return (base, keys, sums, counts)
        }
        let converted = try await toBase(sums, base: base)
        var totals: [UUID?: (Int64, Int)] = [:]
        for (index, key) in keys.enumerated() {
            totals[key, default: (0, 0)].0 += converted[index]
            totals[key, default: (0, 0)].1 += counts[index]
        }
        let all = totals.values.reduce(0) { $0 + $1.0 }
        return totals.map { key, value in
            CategorySpending(categoryID: key, amount: Money(minorUnits: value.0, currency: base),
                             share: all > 0 ? Double(value.0 * 1000 / all) / 10 : 0, transactionCount: value.1)
        }.sorted { ($0.amount.minorUnits, $0.categoryID?.uuidString ?? "") > ($1.amount.minorUnits, $1.categoryID?.uuidString ?? "") }
    }

    /// Income and spending of every calendar month overlapping `from...to`, oldest first (empty months included).
    public func monthlyTotals(_ access: WorkspaceAccess, from: CalendarDate, to: CalendarDate) async throws -> [MonthTotals] {
        try Self.checkPeriod(from, to)
        let (base, months, sums) = try await read(access) { connection in
            let base = try await Self.baseCurrency(on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT (date_trunc('month', t.date)::date - DATE '1970-01-01')::int4, t.currency,
                       \(unescaped: Self.conversionDaySQL(base: "'\(base.code)'")),
                       coalesce(sum(t.amount) FILTER (WHERE t.kind = 'INCOME'), 0)::int8,
                       coalesce(-sum(t.amount) FILTER (WHERE t.kind = 'EXPENSE'), 0)::int8
                FROM transactions t WHERE t.date BETWEEN \(from.iso)::date AND \(to.iso)::date AND t.kind <> 'TRANSFER'
                GROUP BY 1, 2, 3
                """, logger: logger)
            var months: [CalendarDate] = []
            var sums: [CurrencySum] = []
            for try await (month, code, day, income, expenses) in rows.decode((Int32, String, Int32?, Int64, Int64).self) {
                months.append(CalendarDate(dayNumber: Int(month)))
                sums.append(Self.currencySum(code: code, day: day, minorUnits: income))
                sums.append(Self.currencySum(code: code, day: day, minorUnits: expenses))
            }
            return (base, months, sums)
        }
        let converted = try await toBase(sums, base: base)
        var totals: [CalendarDate: (Int64, Int64)] = [:]
        for (index, month) in months.enumerated() {
            totals[month, default: (0, 0)].0 += converted[2 * index]
            totals[month, default: (0, 0)].1 += converted[2 * index + 1]
        }
        var result: [MonthTotals] = []
        var month = from.startOfMonth
        while month <= to {
            let (income, expenses) = totals[month] ?? (0, 0)
            result.append(MonthTotals(month: month, income: Money(minorUnits: income, currency: base),
                                      expenses: Money(minorUnits: expenses, currency: base), net: Money(minorUnits: income - expenses, currency: base)))
            month = month.adding(months: 1)
        }
        return result
    }

    /// The payees spent at most in `from...to` (names compared without case), largest first.
    public func spendingByMerchant(_ access: WorkspaceAccess, from: CalendarDate, to: CalendarDate, limit: Int) async throws -> [MerchantSpending] {
        try Self.checkPeriod(from, to)
        guard (1...100).contains(limit) else { throw LedgerError.badInput("limit must be between 1 and 100.", field: "limit") }
        let (base, names, sums, counts) = try await read(access) { connection in
            let base = try await Self.baseCurrency(on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT min(t.payee), t.currency, \(unescaped: Self.conversionDaySQL(base: "'\(base.code)'")), (-sum(t.amount))::int8, count(*)
                FROM transactions t
                WHERE t.date BETWEEN \(from.iso)::date AND \(to.iso)::date AND t.kind = 'EXPENSE' AND t.payee <> ''
                GROUP BY lower(t.payee), 2, 3
                """, logger: logger)
            var names: [String] = []
            var sums: [CurrencySum] = []
            var counts: [Int] = []
            for try await (payee, code, day, spent, count) in rows.decode((String, String, Int32?, Int64, Int64).self) {
                names.append(payee)
                sums.append(Self.currencySum(code: code, day: day, minorUnits: spent))
                counts.append(Int(count))
            }
            return (base, names, sums, counts)
        }
        let converted = try await toBase(sums, base: base)
        var totals: [String: (name: String, amount: Int64, count: Int)] = [:]
        for (index, name) in names.enumerated() {
            let key = name.lowercased()
            totals[key, default: (name, 0, 0)].amount += converted[index]
            totals[key, default: (name, 0, 0)].count += counts[index]
        }
        return totals.values.sorted { ($0.amount, $1.name) > ($1.amount, $0.name) }.prefix(limit).map {
            MerchantSpending(payee: $0.name, amount: Money(minorUnits: $0.amount, currency: base), transactionCount: $0.count)
        }
    }

    /// The period before `from...to` with the same number of days.
    public static func previousPeriod(from: CalendarDate, to: CalendarDate) -> (from: CalendarDate, to: CalendarDate) {
        let length = from.days(until: to) + 1
        return (from.adding(days: -length), from.adding(days: -1))
    }

    static func checkPeriod(_ from: CalendarDate, _ to: CalendarDate) throws {
        guard from <= to else { throw LedgerError.badInput("to (\(to)) is before from (\(from)).", field: "to") }
        guard from.days(until: to) <= 3_660 else { throw LedgerError.badInput("A report covers at most ten years.", field: "from") }
    }
}
