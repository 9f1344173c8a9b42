import Foundation

/// A threshold a budget's spending crossed in one period, recorded once.
public struct BudgetAlert: Sendable, Hashable {
    public let budgetID: UUID
    public let periodStart: CalendarDate
    public let threshold: Int
    public let spent: Money
    public let available: Money
    public let createdAt: Date
}
