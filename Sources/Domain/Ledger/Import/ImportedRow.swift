/// One transaction read from a bank statement file, before it is matched to an account or stored.
public struct ImportedRow: Sendable, Hashable {
    /// 1-based line in the source file; for CSV, the physical line where the record starts.
    public var line: Int
    /// The day the bank booked the transaction.
    public var date: CalendarDate
    /// Normalised decimal (optional "-", digits, optional "." and digits, no grouping); negative is money leaving.
    public var amount: String
    /// Counterparty, trimmed; "" when the file names none.
    public var payee: String
    /// Description or memo text, when there is any.
    public var memo: String?
    /// The bank's own transaction id (OFX FITID or a mapped CSV column), when there is one.
    public var fitid: String?
    /// Category name, when the file carries one (QIF L, a mapped CSV column).
    public var category: String?
    /// Currency code, when the row or the file states it.
    public var currency: String?

    /// A row with every field given.
    public init(
        line: Int, date: CalendarDate, amount: String, payee: String, memo: String? = nil, fitid: String? = nil,
        category: String? = nil, currency: String? = nil
    ) {
        self.line = line
        self.date = date
        self.amount = amount
        self.payee = payee
        self.memo = memo
        self.fitid = fitid
        self.category = category
        self.currency = currency
    }
}
