/// Computes a budget's status period after period from its daily spending: the pure arithmetic of limits, rollover,
/// percentages, projections and thresholds, with no database.
public enum BudgetTimeline {
    /// Statuses of periods `first...last` of `budget`. `spending` maps days to spending in the budget's currency
    /// (minor units, refunds already netted); it must cover every day from the first period needed: from the anchor
    /// when the budget rolls over (carries depend on every earlier period), else from period `first`.
    /// `today` decides how much of a running period has elapsed for the projection.
    public static func statuses(
        of budget: Budget, periods first: Int, through last: Int, spending: [CalendarDate: Int64], today: CalendarDate
    ) -> [BudgetStatus] {
        guard last >= first, last >= 0 else { return [] }
        let currency = budget.amount.currency
        var carry: Int64 = 0
        var result: [BudgetStatus] = []
        for index in (budget.rollover ? 0 : max(0, first))...last {
            let period = budget.schedule.period(index)
            var spent: Int64 = 0
            var day = period.start
            while day <= period.end {
                spent += spending[day] ?? 0
                day = day.adding(days: 1)
            }
            let available = budget.amount.minorUnits + carry
            if index >= first {
                result.append(status(of: budget, period: period, available: available, carriedIn: carry, spent: spent, today: today, currency: currency))
            }
            carry = budget.rollover ? BudgetRollover.carried(available: available, spent: spent, cap: budget.rolloverCap?.minorUnits) : 0
        }
        return result
    }

    static func status(
        of budget: Budget, period: BudgetPeriod, available: Int64, carriedIn: Int64, spent: Int64, today: CalendarDate, currency: Currency
    ) -> BudgetStatus {
        let elapsed = min(period.length, max(0, period.start.days(until: today) + 1))
        let projected = elapsed > 0 && elapsed < period.length ? spent * Int64(period.length) / Int64(elapsed) : spent
        let percent = available > 0 ? Double(spent * 1000 / available) / 10 : (spent > 0 ? 100 : 0)
        let crossed = budget.thresholds.filter { threshold in
            available > 0 ? spent * 100 >= Int64(threshold) * available : spent > 0
        }
        return BudgetStatus(
            budgetID: budget.id, period: period, limit: budget.amount, carriedIn: Money(minorUnits: carriedIn, currency: currency),
            available: Money(minorUnits: available, currency: currency), spent: Money(minorUnits: spent, currency: currency),
            remaining: Money(minorUnits: available - spent, currency: currency), percentUsed: percent,
            projected: Money(minorUnits: projected, currency: currency), crossedThresholds: crossed)
    }
}
