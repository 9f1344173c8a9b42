import Foundation
import Logging
import Persistence
import PostgresNIO

/// Budgets of a workspace: limits per category and period, their status, history and threshold alerts.
public struct BudgetService: Sendable {
    public let ledger: LedgerService
    let logger: Logger

    /// A service that reads spending through `ledger`.
    public init(ledger: LedgerService, logger: Logger) {
        self.ledger = ledger
        self.logger = logger
    }

    static let columns = """
        b.id, b.name, b.category_id, b.period, b.period_days, \(CalendarDate.dayNumberSQL("b.anchor")), b.amount, b.currency, \
        b.rollover, b.rollover_cap, b.thresholds, b.archived_at, b.created_at
        """

    static func budget(_ row: PostgresRow) throws -> Budget {
        let c = PostgresRandomAccessRow(row)
        let currency = try Cells.currency(c[7])
        let schedule = BudgetSchedule(
            kind: BudgetPeriodKind(rawValue: try c[3].decode(String.self)) ?? .monthly, customDays: try c[4].decode(Int32?.self).map(Int.init),
            anchor: try Cells.day(c[5]))
        return Budget(
            id: try c[0].decode(UUID.self), name: try c[1].decode(String.self), categoryID: try c[2].decode(UUID?.self), schedule: schedule,
            amount: Money(minorUnits: try c[6].decode(Int64.self), currency: currency), rollover: try c[8].decode(Bool.self),
            rolloverCap: try c[9].decode(Int64?.self).map { Money(minorUnits: $0, currency: currency) },
            thresholds: try c[10].decode([Int32].self).map(Int.init), archivedAt: try c[11].decode(Date?.self), createdAt: try c[12].decode(Date.self))
    }

    /// The workspace's budgets by name.
    public func budgets(_ access: WorkspaceAccess, includeArchived: Bool = false) async throws -> [Budget] {
        try await ledger.read(access) { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.columns) FROM budgets b WHERE \(includeArchived) OR b.archived_at IS NULL ORDER BY lower(b.name), b.id",
                logger: logger)
            var budgets: [Budget] = []
            for try await row in rows { budgets.append(try Self.budget(row)) }
            return budgets
        }
    }

    /// Budgets by id (archived ones too), for batch loaders.
    public func budgets(_ access: WorkspaceAccess, ids: [UUID]) async throws -> [UUID: Budget] {
        try await ledger.read(access) { connection in
            let rows = try await connection.query("SELECT \(unescaped: Self.columns) FROM budgets b WHERE b.id = ANY(\(ids))", logger: logger)
            var budgets: [UUID: Budget] = [:]
            for try await row in rows {
                let budget = try Self.budget(row)
                budgets[budget.id] = budget
            }
            return budgets
        }
    }

    /// One budget, or NOT_FOUND.
    public func budget(_ access: WorkspaceAccess, id: UUID) async throws -> Budget {
        try await ledger.read(access) { connection in
            guard let budget = try await Self.budget(id, on: connection, logger: logger) else { throw LedgerError.notFound("budget", field: "id") }
            return budget
        }
    }

    static func budget(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Budget? {
        let rows = try await connection.query("SELECT \(unescaped: columns) FROM budgets b WHERE b.id = \(id)", logger: logger)
        for try await row in rows { return try budget(row) }
        return nil
    }

    /// Creates a budget in the workspace's base currency. Name, period and amount are required; the anchor (first
    /// period's start) defaults to the first day of this month.
    public func createBudget(_ access: WorkspaceAccess, _ input: BudgetInput, today: CalendarDate) async throws -> Budget {
        let id = UUID()
        return try await ledger.write(access) { connection in
            let currency = try await LedgerService.baseCurrency(on: connection, logger: logger)
            let checked = try await Self.checked(input, current: nil, currency: currency, today: today, on: connection, logger: logger)
            try await connection.query(
                """
                INSERT INTO budgets (id, name, category_id, period, period_days, anchor, amount, currency, rollover, rollover_cap, thresholds, created_by)
                VALUES (\(id), \(checked.name), \(checked.categoryID), \(checked.period.rawValue), \(checked.periodDays), \(checked.anchor.iso)::date,
                        \(checked.amount), \(currency.code), \(checked.rollover), \(checked.rolloverCap), \(checked.thresholds), \(access.userID))
                """, logger: logger)
            guard let budget = try await Self.budget(id, on: connection, logger: logger) else { throw LedgerError.notFound("budget", field: "id") }
            return budget
        }
    }

    /// Changes a budget; fields left nil keep their value.
    public func updateBudget(_ access: WorkspaceAccess, id: UUID, _ input: BudgetInput, today: CalendarDate) async throws -> Budget {
        try await ledger.write(access) { connection in
            guard let current = try await Self.budget(id, on: connection, logger: logger) else { throw LedgerError.notFound("budget", field: "id") }
            let checked = try await Self.checked(input, current: current, currency: current.amount.currency, today: today, on: connection, logger: logger)
            try await connection.query(
                """
                UPDATE budgets SET name = \(checked.name), category_id = \(checked.categoryID), period = \(checked.period.rawValue),
                    period_days = \(checked.periodDays), anchor = \(checked.anchor.iso)::date, amount = \(checked.amount),
                    rollover = \(checked.rollover), rollover_cap = \(checked.rolloverCap), thresholds = \(checked.thresholds)
                WHERE id = \(id)
                """, logger: logger)
            guard let budget = try await Self.budget(id, on: connection, logger: logger) else { throw LedgerError.notFound("budget", field: "id") }
            return budget
        }
    }

    /// Archives a budget or brings it back.
    public func setBudgetArchived(_ access: WorkspaceAccess, id: UUID, archived: Bool) async throws -> Budget {
        try await ledger.write(access) { connection in
            let rows = try await connection.query(
                "UPDATE budgets SET archived_at = CASE WHEN \(archived) THEN coalesce(archived_at, now()) END WHERE id = \(id) RETURNING id",
                logger: logger)
            for try await _ in rows {
                guard let budget = try await Self.budget(id, on: connection, logger: logger) else { break }
                return budget
            }
            throw LedgerError.notFound("budget", field: "id")
        }
    }

    struct Checked {
        let name: String
        let categoryID: UUID?
        let period: BudgetPeriodKind
        let periodDays: Int32?
        let anchor: CalendarDate
        let amount: Int64
        let rollover: Bool
        let rolloverCap: Int64?
        let thresholds: [Int32]
    }

    static func checked(
        _ input: BudgetInput, current: Budget?, currency: Currency, today: CalendarDate, on connection: PostgresConnection, logger: Logger
    ) async throws -> Checked {
        let name = input.name == nil ? current?.name ?? "" : try TextField.clean(input.name, field: "name", maximum: 100, required: true)
        if name.isEmpty { throw LedgerError.badInput("name is required.", field: "name") }
        let categoryID = input.categoryID ?? current?.categoryID
        if let categoryID, input.categoryID != nil {
            let category = try await LedgerService.liveCategory(categoryID, field: "categoryId", on: connection, logger: logger)
            guard category.kind == .expense else {
                throw LedgerError.badInput("\"\(category.name)\" is an income category: budgets limit spending.", field: "categoryId")
            }
        }
        guard let period = input.period ?? current?.schedule.kind else { throw LedgerError.badInput("period is required.", field: "period") }
        let days = input.periodDays ?? (period == current?.schedule.kind ? current?.schedule.customDays : nil)
        if period == .custom {
            guard let days, (1...3_660).contains(days) else {
                throw LedgerError.badInput("A CUSTOM period needs periodDays between 1 and 3660.", field: "periodDays")
            }
        } else if input.periodDays != nil {
            throw LedgerError.badInput("periodDays is only for CUSTOM periods.", field: "periodDays")
        }
        let amount: Int64
        if let text = input.amount {
            amount = try Money.positive(text, currency: currency, field: "amount").minorUnits
        } else if let current {
            amount = current.amount.minorUnits
        } else {
            throw LedgerError.badInput("amount is required.", field: "amount")
        }
        var cap = current?.rolloverCap?.minorUnits
        if let requested = input.rolloverCap {
            cap = try requested.map { try Money.positive($0, currency: currency, field: "rolloverCap").minorUnits }
        }
        let thresholds = input.thresholds ?? current?.thresholds ?? [80, 100]
        guard thresholds.count <= 10, thresholds.allSatisfy({ (1...1_000).contains($0) }) else {
            throw LedgerError.badInput("thresholds are up to 10 percentages between 1 and 1000.", field: "thresholds")
        }
        return Checked(
            name: name, categoryID: categoryID, period: period, periodDays: period == .custom ? days.map(Int32.init) : nil,
            anchor: input.anchor ?? current?.schedule.anchor ?? today.startOfMonth, amount: amount,
            rollover: input.rollover ?? current?.rollover ?? false, rolloverCap: cap,
            thresholds: Array(Set(thresholds)).sorted().map(Int32.init))
    }
}
