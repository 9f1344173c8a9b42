import Foundation

/// Which transactions a search returns; every condition given must hold.
public struct TransactionFilter: Sendable {
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// Bounds on the amount's magnitude, as Decimals in each transaction's own currency.
    public var minAmount: String?
    public var maxAmount: String?
    /// The transaction or one of its split lines is in one of these categories or their subcategories.
    public var categoryIDs: [UUID]?
    /// Only transactions with no category on them or on any line.
    public var uncategorized: Bool?
    /// Has at least one of these tags.
    public var tagIDs: [UUID]?
    public var accountIDs: [UUID]?
    public var kinds: [TransactionKind]?
    public var statuses: [TransactionStatus]?
    public var sources: [TransactionSource]?
    /// Words matched against payee, description and notes (each word as a prefix).
    public var text: String?
    /// Only transactions of one import.
    public var importID: UUID?

    /// A filter; nothing set matches every transaction.
    public init(
        from: CalendarDate? = nil, to: CalendarDate? = nil, minAmount: String? = nil, maxAmount: String? = nil,
        categoryIDs: [UUID]? = nil, uncategorized: Bool? = nil, tagIDs: [UUID]? = nil, accountIDs: [UUID]? = nil,
        kinds: [TransactionKind]? = nil, statuses: [TransactionStatus]? = nil, sources: [TransactionSource]? = nil,
        text: String? = nil, importID: UUID? = nil
    ) {
        self.from = from
        self.to = to
        self.minAmount = minAmount
        self.maxAmount = maxAmount
        self.categoryIDs = categoryIDs
        self.uncategorized = uncategorized
        self.tagIDs = tagIDs
        self.accountIDs = accountIDs
        self.kinds = kinds
        self.statuses = statuses
        self.sources = sources
        self.text = text
        self.importID = importID
    }
}

/// The order of a transaction search; ties are broken by id, so pages never overlap or skip.
public enum TransactionSort: String, Sendable, CaseIterable {
    case dateDescending = "DATE_DESC", dateAscending = "DATE_ASC"
    case amountDescending = "AMOUNT_DESC", amountAscending = "AMOUNT_ASC"
    case payeeAscending = "PAYEE_ASC"

    var descending: Bool { self == .dateDescending || self == .amountDescending }

    /// The sort key as text, as cursors carry it.
    var keySQL: String {
        switch self {
        case .dateDescending, .dateAscending: return "t.date::text"
        case .amountDescending, .amountAscending: return "abs(t.amount)::text"
        case .payeeAscending: return "lower(t.payee)"
        }
    }

    /// The sort key as SQL orders it, and the cast that turns a cursor's text key back into it.
    var orderSQL: (column: String, cast: String) {
        switch self {
        case .dateDescending, .dateAscending: return ("t.date", "date")
        case .amountDescending, .amountAscending: return ("abs(t.amount)", "bigint")
        case .payeeAscending: return ("lower(t.payee)", "text")
        }
    }
}

/// Income, spending and net of a set of transactions, converted to the workspace's base currency.
public struct TransactionTotals: Sendable, Hashable {
    public let count: Int
    public let income: Money
    public let expenses: Money
    public let net: Money
}
