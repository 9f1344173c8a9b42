import Foundation

/// What kind of account money sits in; liabilities (cards, loans) usually carry negative balances.
public enum AccountKind: String, Sendable, CaseIterable {
    case cash = "CASH", checking = "CHECKING", savings = "SAVINGS", creditCard = "CREDIT_CARD", loan = "LOAN"
    case investment = "INVESTMENT", other = "OTHER"
}

/// An account of a workspace, in one currency.
public struct Account: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let name: String
    public let kind: AccountKind
    public let currency: Currency
    public let openingBalance: Money
    public let openingDate: CalendarDate
    public let archivedAt: Date?
    public let createdAt: Date
}

/// The fields of a new account, or the new values of an existing one (nil: unchanged).
public struct AccountInput: Sendable {
    public var name: String?
    public var kind: AccountKind?
    public var currency: String?
    public var openingBalance: String?
    public var openingDate: CalendarDate?

    /// An input; every field optional so that one type serves creation and update.
    public init(name: String? = nil, kind: AccountKind? = nil, currency: String? = nil, openingBalance: String? = nil, openingDate: CalendarDate? = nil) {
        self.name = name
        self.kind = kind
        self.currency = currency
        self.openingBalance = openingBalance
        self.openingDate = openingDate
    }
}
