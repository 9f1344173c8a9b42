import Foundation
import PostgresNIO

extension BudgetService {
    /// Each budget's status in the period containing `date` (budgets whose anchor is later have none).
    public func statuses(_ access: WorkspaceAccess, budgets: [Budget], on date: CalendarDate, today: CalendarDate) async throws -> [UUID: BudgetStatus] {
        let wanted = budgets.compactMap { budget in budget.schedule.period(containing: date).map { (budget, $0.index, $0.index) } }
        let timelines = try await timelines(access, wanted, today: today)
        return timelines.compactMapValues(\.last)
    }

    /// The last `count` periods of a budget up to the one containing `date`, oldest first.
    public func history(_ access: WorkspaceAccess, budget: Budget, count: Int, through date: CalendarDate, today: CalendarDate) async throws -> [BudgetStatus] {
        guard (1...120).contains(count) else { throw LedgerError.badInput("periods must be between 1 and 120.", field: "periods") }
        guard let last = budget.schedule.period(containing: date)?.index else { return [] }
        return try await timelines(access, [(budget, max(0, last - count + 1), last)], today: today)[budget.id] ?? []
    }

    /// Records every threshold crossed in the periods containing `dates`, once per budget, period and threshold;
    /// returns the alerts that are new. Called after writes that change spending.
    @discardableResult
    public func recordThresholdCrossings(_ access: WorkspaceAccess, dates: Set<CalendarDate>, today: CalendarDate) async throws -> [BudgetAlert] {
        guard !dates.isEmpty else { return [] }
        let live = try await budgets(access)
        var wanted: [(Budget, Int, Int)] = []
        for budget in live {
            let indices = Set(dates.compactMap { budget.schedule.period(containing: $0)?.index })
            if let low = indices.min(), let high = indices.max() { wanted.append((budget, low, high)) }
        }
        let timelines = try await timelines(access, wanted, today: today)
        var crossings: [(UUID, String, Int32, Int64, Int64)] = []
        for (budgetID, statuses) in timelines {
            for status in statuses where dates.contains(where: { $0 >= status.period.start && $0 <= status.period.end }) {
                for threshold in status.crossedThresholds {
                    crossings.append((budgetID, status.period.start.iso, Int32(threshold), status.spent.minorUnits, status.available.minorUnits))
                }
            }
        }
        guard !crossings.isEmpty else { return [] }
        return try await ledger.database.withWorkspaceTransaction(access.workspace.schema) { connection in
            let rows = try await connection.query(
                """
                INSERT INTO budget_alerts (budget_id, period_start, threshold, spent, available)
                SELECT * FROM unnest(\(crossings.map(\.0))::uuid[], \(crossings.map(\.1))::date[], \(crossings.map(\.2))::int4[],
                                     \(crossings.map(\.3))::int8[], \(crossings.map(\.4))::int8[])
                ON CONFLICT DO NOTHING
                RETURNING budget_id, \(unescaped: CalendarDate.dayNumberSQL("period_start")), threshold, spent, available, created_at,
                          (SELECT currency FROM budgets WHERE id = budget_id)
                """, logger: logger)
            return try await Self.alerts(rows)
        }
    }

    /// The recorded alerts of the workspace (or one budget), newest first.
    public func alerts(_ access: WorkspaceAccess, budgetID: UUID?, limit: Int = 100) async throws -> [BudgetAlert] {
        try await ledger.read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT a.budget_id, \(unescaped: CalendarDate.dayNumberSQL("a.period_start")), a.threshold, a.spent, a.available, a.created_at, b.currency
                FROM budget_alerts a JOIN budgets b ON b.id = a.budget_id
                WHERE \(budgetID)::uuid IS NULL OR a.budget_id = \(budgetID)::uuid
                ORDER BY a.created_at DESC, a.threshold DESC LIMIT \(Int64(max(1, min(limit, 500))))
                """, logger: logger)
            return try await Self.alerts(rows)
        }
    }

    /// Alerts from rows of (budget, period start day, threshold, spent, available, created, currency).
    static func alerts(_ rows: PostgresRowSequence) async throws -> [BudgetAlert] {
        var alerts: [BudgetAlert] = []
        for try await (id, start, threshold, spent, available, at, code) in rows.decode((UUID, Int32, Int32, Int64, Int64, Date, String).self) {
            let currency = Cells.storedCurrency(code)
            alerts.append(BudgetAlert(
                budgetID: id, periodStart: CalendarDate(dayNumber: Int(start)), threshold: Int(threshold),
                spent: Money(minorUnits: spent, currency: currency), available: Money(minorUnits: available, currency: currency), createdAt: at))
        }
        return alerts
    }

    /// Statuses of periods first...last of each budget, from one spending statement for all of them.
    func timelines(_ access: WorkspaceAccess, _ wanted: [(Budget, Int, Int)], today: CalendarDate) async throws -> [UUID: [BudgetStatus]] {
        guard !wanted.isEmpty else { return [:] }
        let ranges = wanted.map { budget, first, last in
            (budget.id, budget.schedule.start(of: budget.rollover ? 0 : first).iso, budget.schedule.period(last).end.iso)
        }
        // Constant outer bounds let the date index narrow the lines before each budget's own range applies.
        let earliest = ranges.map(\.1).min() ?? "", latest = ranges.map(\.2).max() ?? ""
        let (keys, sums) = try await ledger.read(access) { connection in
            let rows = try await connection.query(
                """
                WITH wanted AS (
                    SELECT x.budget_id, x.since, x.until, b.currency AS target, b.category_id
                    FROM unnest(\(ranges.map(\.0))::uuid[], \(ranges.map(\.1))::date[], \(ranges.map(\.2))::date[]) AS x (budget_id, since, until)
                    JOIN budgets b ON b.id = x.budget_id
                ), scoped AS (
                    -- A category budget covers its category and the subcategories under it: equality joins only, so
                    -- the planner hashes instead of testing an OR per line.
                    SELECT w.budget_id, w.since, w.until, w.target, c.id AS category_id
                    FROM wanted w JOIN categories c ON c.id = w.category_id OR c.parent_id = w.category_id
                ), lines AS (
                    SELECT s.budget_id, s.target, l.currency, l.date, l.amount
                    FROM scoped s JOIN ledger_lines l ON l.category_id = s.category_id AND l.kind = 'EXPENSE' AND l.date BETWEEN s.since AND s.until
                    WHERE l.date BETWEEN \(earliest)::date AND \(latest)::date
                    UNION ALL
                    SELECT w.budget_id, w.target, l.currency, l.date, l.amount
                    FROM wanted w JOIN ledger_lines l ON w.category_id IS NULL AND l.kind = 'EXPENSE' AND l.date BETWEEN w.since AND w.until
                    WHERE l.date BETWEEN \(earliest)::date AND \(latest)::date
                )
                SELECT budget_id, target, currency, \(unescaped: CalendarDate.dayNumberSQL("date")), (-sum(amount))::int8
                FROM lines
                GROUP BY 1, 2, 3, 4
                """, logger: logger)
            var keys: [(UUID, Currency, CalendarDate)] = []
            var sums: [CurrencySum] = []
            for try await (budget, target, code, day, spent) in rows.decode((UUID, String, String, Int32, Int64).self) {
                let date = CalendarDate(dayNumber: Int(day))
                keys.append((budget, Cells.storedCurrency(target), date))
                sums.append(CurrencySum(currency: Cells.storedCurrency(code), day: date, minorUnits: spent))
            }
            return (keys, sums)
        }
        var spending: [UUID: [CalendarDate: Int64]] = [:]
        for target in Set(keys.map(\.1)) {
            let indices = keys.indices.filter { keys[$0].1 == target }
            let converted = try await ledger.toBase(indices.map { sums[$0] }, base: target)
            for (offset, index) in indices.enumerated() {
                spending[keys[index].0, default: [:]][keys[index].2, default: 0] += converted[offset]
            }
        }
        var result: [UUID: [BudgetStatus]] = [:]
        for (budget, first, last) in wanted {
            result[budget.id] = BudgetTimeline.statuses(of: budget, periods: first, through: last, spending: spending[budget.id] ?? [:], today: today)
        }
        return result
    }
}
