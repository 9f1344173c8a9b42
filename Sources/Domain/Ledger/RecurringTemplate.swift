import Foundation

/// A recurring transaction: what to write (account, kind, amount, payee, category) and when (its `RecurrenceRule`).
public struct RecurringTemplate: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let accountID: UUID
    public let kind: TransactionKind
    /// Signed like the transactions it writes.
    public let amount: Money
    public let payee: String
    public let description: String
    public let categoryID: UUID?
    public let rule: RecurrenceRule
    /// The index of the last occurrence written; nil before the first.
    public let materializedIndex: Int?
    public let paused: Bool

    /// The next occurrence not yet written, nil once the rule has ended.
    public var next: Occurrence? { rule.nextOccurrence(after: materializedIndex) }
}

/// The fields of a new recurring rule.
public struct RecurringInput: Sendable {
    public var accountID: UUID
    public var kind: TransactionKind
    public var amount: String
    public var payee: String
    public var description: String
    public var categoryID: UUID?
    public var frequency: RecurrenceFrequency
    public var interval: Int
    public var dayOfMonth: Int?
    public var lastDayOfMonth: Bool
    public var start: CalendarDate
    public var end: CalendarDate?
    public var count: Int?

    /// A rule writing `amount` (positive; `kind` gives the sign) into an account on a schedule.
    public init(
        accountID: UUID, kind: TransactionKind, amount: String, payee: String = "", description: String = "", categoryID: UUID? = nil,
        frequency: RecurrenceFrequency, interval: Int = 1, dayOfMonth: Int? = nil, lastDayOfMonth: Bool = false,
        start: CalendarDate, end: CalendarDate? = nil, count: Int? = nil
    ) {
        self.accountID = accountID
        self.kind = kind
        self.amount = amount
        self.payee = payee
        self.description = description
        self.categoryID = categoryID
        self.frequency = frequency
        self.interval = interval
        self.dayOfMonth = dayOfMonth
        self.lastDayOfMonth = lastDayOfMonth
        self.start = start
        self.end = end
        self.count = count
    }
}
