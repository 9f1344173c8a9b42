import Foundation

/// Income, spending, net and savings rate of one period, in the workspace's base currency.
public struct PeriodTotals: Sendable, Hashable {
    public let from: CalendarDate
    public let to: CalendarDate
    public let income: Money
    /// Spending as a positive amount.
    public let expenses: Money
    public let net: Money
    /// Net as a percentage of income (one decimal); nil when there was no income.
    public let savingsRate: Double?

    init(from: CalendarDate, to: CalendarDate, income: Int64, expenses: Int64, currency: Currency) {
        self.from = from
        self.to = to
        self.income = Money(minorUnits: income, currency: currency)
        self.expenses = Money(minorUnits: expenses, currency: currency)
        self.net = Money(minorUnits: income - expenses, currency: currency)
        self.savingsRate = income > 0 ? (Double((income - expenses) * 1000 / income) / 10) : nil
    }
}

/// Spending of one category (rolled up into its parent when asked), with its share of all spending.
public struct CategorySpending: Sendable, Hashable {
    /// Nil for uncategorised spending.
    public let categoryID: UUID?
    public let amount: Money
    /// Percentage of the period's spending, one decimal.
    public let share: Double
    public let transactionCount: Int
}

/// One calendar month's income and spending.
public struct MonthTotals: Sendable, Hashable {
    /// The first day of the month.
    public let month: CalendarDate
    public let income: Money
    public let expenses: Money
    public let net: Money
}

/// Spending at one payee.
public struct MerchantSpending: Sendable, Hashable {
    public let payee: String
    public let amount: Money
    public let transactionCount: Int
}
