/// How long a budget period lasts.
public enum BudgetPeriodKind: String, Sendable, CaseIterable {
    case weekly = "WEEKLY", monthly = "MONTHLY", quarterly = "QUARTERLY", yearly = "YEARLY", custom = "CUSTOM"
}

/// One period of a budget: `start...end`, both days included, and its ordinal since the budget's anchor.
public struct BudgetPeriod: Sendable, Hashable {
    public let index: Int
    public let start: CalendarDate
    public let end: CalendarDate

    /// A period; `end` is its last day.
    public init(index: Int, start: CalendarDate, end: CalendarDate) {
        self.index = index
        self.start = start
        self.end = end
    }

    /// Days in the period.
    public var length: Int { start.days(until: end) + 1 }
}

/// The periods of a budget, counted from its anchor date. Month-based periods are computed from the anchor each time
/// (anchor + k months, clamped to month ends), so a budget anchored on the 31st never drifts to the 28th.
public struct BudgetSchedule: Sendable, Hashable {
    public let kind: BudgetPeriodKind
    /// Days per period, for CUSTOM only.
    public let customDays: Int?
    public let anchor: CalendarDate

    /// A schedule; CUSTOM needs `customDays` (1...3660).
    public init(kind: BudgetPeriodKind, customDays: Int?, anchor: CalendarDate) {
        self.kind = kind
        self.customDays = customDays
        self.anchor = anchor
    }

    /// The start of period `index`.
    public func start(of index: Int) -> CalendarDate {
        switch kind {
        case .weekly: return anchor.adding(days: 7 * index)
        case .custom: return anchor.adding(days: max(1, customDays ?? 1) * index)
        case .monthly: return anchor.adding(months: index)
        case .quarterly: return anchor.adding(months: 3 * index)
        case .yearly: return anchor.adding(months: 12 * index)
        }
    }

    /// Period `index`.
    public func period(_ index: Int) -> BudgetPeriod {
        BudgetPeriod(index: index, start: start(of: index), end: start(of: index + 1).adding(days: -1))
    }

    /// The period containing `date`; nil before the anchor.
    public func period(containing date: CalendarDate) -> BudgetPeriod? {
        guard date >= anchor else { return nil }
        var index: Int
        switch kind {
        case .weekly: index = anchor.days(until: date) / 7
        case .custom: index = anchor.days(until: date) / max(1, customDays ?? 1)
        case .monthly, .quarterly, .yearly:
            let months = (date.year - anchor.year) * 12 + (date.month - anchor.month)
            let step = kind == .monthly ? 1 : kind == .quarterly ? 3 : 12
            index = max(0, months / step)
        }
        // Month clamping can put the estimate one period off either way.
        while index > 0 && start(of: index) > date { index -= 1 }
        while start(of: index + 1) <= date { index += 1 }
        return period(index)
    }
}

/// Rollover arithmetic: what an unspent remainder carries into the next period.
public enum BudgetRollover {
    /// The amount carried out of a period with `available` (limit plus what came in) and `spent`: the unspent
    /// remainder, never negative (overspending is not carried as debt), at most `cap` when there is one.
    public static func carried(available: Int64, spent: Int64, cap: Int64?) -> Int64 {
        let remainder = max(0, available - spent)
        guard let cap else { return remainder }
        return min(remainder, cap)
    }
}
