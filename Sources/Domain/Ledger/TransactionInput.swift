import Foundation

/// A split line as the caller gives it: an unsigned Decimal amount and a category.
public struct SplitInput: Sendable {
    public var categoryID: UUID?
    public var amount: String
    public var memo: String

    /// A line of `amount` (a positive Decimal, signed like its transaction) in a category.
    public init(categoryID: UUID?, amount: String, memo: String = "") {
        self.categoryID = categoryID
        self.amount = amount
        self.memo = memo
    }
}

/// The fields of a new expense or income, or the new values of an existing transaction (nil: unchanged).
///
/// Amounts are given as positive Decimals; the kind decides the sign (an expense leaves the account).
public struct TransactionInput: Sendable {
    public var kind: TransactionKind?
    public var accountID: UUID?
    public var date: CalendarDate?
    public var amount: String?
    public var payee: String?
    public var description: String?
    public var notes: String?
    /// `.some(nil)` clears the category.
    public var categoryID: UUID??
    public var status: TransactionStatus?
    public var source: TransactionSource?
    /// Replaces the split lines; an empty list removes the split.
    public var splits: [SplitInput]?
    /// Replaces the tags: names, created when new.
    public var tags: [String]?

    /// An input; every field optional so that one type serves creation and update.
    public init(
        kind: TransactionKind? = nil, accountID: UUID? = nil, date: CalendarDate? = nil, amount: String? = nil,
        payee: String? = nil, description: String? = nil, notes: String? = nil, categoryID: UUID?? = nil,
        status: TransactionStatus? = nil, source: TransactionSource? = nil, splits: [SplitInput]? = nil, tags: [String]? = nil
    ) {
        self.kind = kind
        self.accountID = accountID
        self.date = date
        self.amount = amount
        self.payee = payee
        self.description = description
        self.notes = notes
        self.categoryID = categoryID
        self.status = status
        self.source = source
        self.splits = splits
        self.tags = tags
    }
}

/// A transfer between two accounts of one workspace; `toAmount` is needed when their currencies differ.
public struct TransferInput: Sendable {
    public var fromAccountID: UUID
    public var toAccountID: UUID
    public var date: CalendarDate
    public var amount: String
    public var toAmount: String?
    public var description: String
    public var status: TransactionStatus

    /// A transfer of `amount` (a positive Decimal in the source account's currency).
    public init(fromAccountID: UUID, toAccountID: UUID, date: CalendarDate, amount: String, toAmount: String? = nil,
                description: String = "", status: TransactionStatus = .cleared) {
        self.fromAccountID = fromAccountID
        self.toAccountID = toAccountID
        self.date = date
        self.amount = amount
        self.toAmount = toAmount
        self.description = description
        self.status = status
    }
}
