import Foundation

/// Where an uploaded statement is.
public enum ImportStatus: String, Sendable {
    case uploaded = "UPLOADED", committed = "COMMITTED", undone = "UNDONE"
}

/// An uploaded bank statement and, once committed, what it added.
public struct StatementImport: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let fileName: String
    public let format: ImportFormat
    public let status: ImportStatus
    public let accountID: UUID?
    public let rowCount: Int?
    public let addedCount: Int?
    public let duplicateCount: Int?
    public let createdAt: Date
    public let committedAt: Date?
    /// When `undoImport` removed its transactions.
    public let undoneAt: Date?
    /// Transactions the undo removed (fewer than added when some were deleted by hand before).
    public let removedCount: Int?
}

/// A statement's rows as read with a mapping: what a preview shows and a commit writes.
public struct ParsedStatement: Sendable {
    public let format: ImportFormat
    /// The CSV mapping used (nil for OFX and QIF).
    public let mapping: CSVMapping?
    public let header: [String]?
    /// What detection could not decide for certain.
    public let notes: [String]
    /// The currency the file states, if any (OFX CURDEF, a CSV currency column).
    public let currency: String?
    public let rows: [ImportedRow]
}

/// What committing would do: the rows, which of them the account already has, and the first bad row.
public struct ImportPreview: Sendable {
    public let statement: StatementImport
    public let parsed: ParsedStatement?
    /// Lines of rows already in the account.
    public let duplicateLines: Set<Int>
    /// The first row that cannot be read or written; committing would write nothing.
    public let error: ImportFormatError?
}
