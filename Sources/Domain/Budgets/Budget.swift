import Foundation

/// A spending limit per period, for one category (with its subcategories) or for all spending.
public struct Budget: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let name: String
    /// Nil: every expense of the workspace.
    public let categoryID: UUID?
    public let schedule: BudgetSchedule
    /// The limit of each period.
    public let amount: Money
    public let rollover: Bool
    public let rolloverCap: Money?
    /// Percentages of the available amount whose crossing is recorded as an alert, ascending.
    public let thresholds: [Int]
    public let archivedAt: Date?
    public let createdAt: Date

    /// A budget value (the service reads and writes them; tests build them for the pure arithmetic).
    public init(
        id: UUID, name: String, categoryID: UUID?, schedule: BudgetSchedule, amount: Money, rollover: Bool, rolloverCap: Money?,
        thresholds: [Int], archivedAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.categoryID = categoryID
        self.schedule = schedule
        self.amount = amount
        self.rollover = rollover
        self.rolloverCap = rolloverCap
        self.thresholds = thresholds
        self.archivedAt = archivedAt
        self.createdAt = createdAt
    }
}

/// The fields of a new budget, or the new values of an existing one (nil: unchanged).
public struct BudgetInput: Sendable {
    public var name: String?
    /// `.some(nil)` makes it an overall budget.
    public var categoryID: UUID??
    public var period: BudgetPeriodKind?
    public var periodDays: Int?
    public var anchor: CalendarDate?
    public var amount: String?
    public var rollover: Bool?
    /// `.some(nil)` removes the cap.
    public var rolloverCap: String??
    public var thresholds: [Int]?

    /// An input; every field optional so that one type serves creation and update.
    public init(
        name: String? = nil, categoryID: UUID?? = nil, period: BudgetPeriodKind? = nil, periodDays: Int? = nil, anchor: CalendarDate? = nil,
        amount: String? = nil, rollover: Bool? = nil, rolloverCap: String?? = nil, thresholds: [Int]? = nil
    ) {
        self.name = name
        self.categoryID = categoryID
        self.period = period
        self.periodDays = periodDays
        self.anchor = anchor
        self.amount = amount
        self.rollover = rollover
        self.rolloverCap = rolloverCap
        self.thresholds = thresholds
    }
}

/// Where a budget stands in one period.
public struct BudgetStatus: Sendable, Hashable {
    public let budgetID: UUID
    public let period: BudgetPeriod
    public let limit: Money
    /// What the previous period's unspent remainder added (zero without rollover).
    public let carriedIn: Money
    /// limit + carriedIn.
    public let available: Money
    public let spent: Money
    /// available − spent; negative when overspent.
    public let remaining: Money
    /// spent as a percentage of available, one decimal.
    public let percentUsed: Double
    /// Spending at this period's pace so far, extended to its end (equal to `spent` once the period is over).
    public let projected: Money
    /// The thresholds `spent` has reached.
    public let crossedThresholds: [Int]
}
