import Foundation

/// Expense and income move money out of or into one account; a transfer is two legs between two accounts.
public enum TransactionKind: String, Sendable, CaseIterable {
    case expense = "EXPENSE", income = "INCOME", transfer = "TRANSFER"
}

/// Whether the bank has settled a transaction.
public enum TransactionStatus: String, Sendable, CaseIterable {
    case pending = "PENDING", cleared = "CLEARED"
}

/// Where a transaction came from.
public enum TransactionSource: String, Sendable, CaseIterable {
    case manual = "MANUAL", `import` = "IMPORT", receipt = "RECEIPT", bank = "BANK", recurring = "RECURRING"
}

/// One transaction (or one leg of a transfer). `amount` is signed: negative leaves the account.
public struct LedgerTransaction: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let kind: TransactionKind
    public let accountID: UUID
    public let date: CalendarDate
    public let amount: Money
    public let payee: String
    public let description: String
    public let notes: String
    /// Nil when split (the lines have categories), for a transfer, or when uncategorised.
    public let categoryID: UUID?
    public let status: TransactionStatus
    public let source: TransactionSource
    /// Shared by both legs of a transfer.
    public let transferID: UUID?
    public let importID: UUID?
    public let recurringRuleID: UUID?
    public let createdAt: Date
    public let createdBy: UUID?
    public let updatedAt: Date
    public let updatedBy: UUID?
}

/// One category line of a split transaction; the lines add up to the transaction's amount.
public struct SplitLine: Sendable, Hashable {
    public let transactionID: UUID
    public let position: Int
    public let categoryID: UUID?
    public let amount: Money
    public let memo: String
}

/// An edit or deletion of a transaction: who, when, and the row before (and after).
public struct TransactionChange: Sendable, Hashable {
    public let transactionID: UUID
    public let action: String
    public let changedBy: UUID?
    public let changedAt: Date
    public let before: String
    public let after: String?
}
