/// How a CSV file's columns become `ImportedRow`s. Column numbers are 0-based.
public struct CSVMapping: Sendable, Hashable, Codable {
    /// The field separator: one of "," ";" "\t" "|" (any one ASCII character other than a quote works).
    public var delimiter: String
    /// Whether the first record (after `skipRecords`) names the columns rather than holding a transaction.
    public var hasHeader: Bool
    /// Records before the header or first transaction to ignore (a bank's preamble: account number, period...).
    public var skipRecords: Int
    /// The column holding the booking date.
    public var dateColumn: Int
    /// How that column writes dates.
    public var dateFormat: CSVDateFormat
    /// The column holding a signed amount; nil when the file splits amounts into debit and credit columns.
    public var amountColumn: Int?
    /// The column of money leaving the account (its positive numbers become negative amounts).
    public var debitColumn: Int?
    /// The column of money coming in.
    public var creditColumn: Int?
    /// "." or ",": the decimal mark of the amounts (the other one is read as digit grouping).
    public var decimalSeparator: String
    /// Whether `amountColumn` shows spending as positive numbers (as many card exports do), so signs are flipped.
    public var outflowIsPositive: Bool
    /// The column naming the counterparty.
    public var payeeColumn: Int?
    /// The column with a description or memo.
    public var memoColumn: Int?
    /// The column with a category name.
    public var categoryColumn: Int?
    /// The column with each row's currency code.
    public var currencyColumn: Int?
    /// The column with the bank's transaction id.
    public var fitidColumn: Int?

    /// A mapping with every setting given.
    public init(
        delimiter: String = ",", hasHeader: Bool = true, skipRecords: Int = 0, dateColumn: Int,
        dateFormat: CSVDateFormat, amountColumn: Int? = nil, debitColumn: Int? = nil, creditColumn: Int? = nil,
        decimalSeparator: String = ".", outflowIsPositive: Bool = false, payeeColumn: Int? = nil,
        memoColumn: Int? = nil, categoryColumn: Int? = nil, currencyColumn: Int? = nil, fitidColumn: Int? = nil
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.skipRecords = skipRecords
        self.dateColumn = dateColumn
        self.dateFormat = dateFormat
        self.amountColumn = amountColumn
        self.debitColumn = debitColumn
        self.creditColumn = creditColumn
        self.decimalSeparator = decimalSeparator
        self.outflowIsPositive = outflowIsPositive
        self.payeeColumn = payeeColumn
        self.memoColumn = memoColumn
        self.categoryColumn = categoryColumn
        self.currencyColumn = currencyColumn
        self.fitidColumn = fitidColumn
    }

    /// Decodes a mapping; `skipRecords` may be absent (0), so mappings saved without it still read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            delimiter: try container.decode(String.self, forKey: .delimiter),
            hasHeader: try container.decode(Bool.self, forKey: .hasHeader),
            skipRecords: try container.decodeIfPresent(Int.self, forKey: .skipRecords) ?? 0,
            dateColumn: try container.decode(Int.self, forKey: .dateColumn),
            dateFormat: try container.decode(CSVDateFormat.self, forKey: .dateFormat),
            amountColumn: try container.decodeIfPresent(Int.self, forKey: .amountColumn),
            debitColumn: try container.decodeIfPresent(Int.self, forKey: .debitColumn),
            creditColumn: try container.decodeIfPresent(Int.self, forKey: .creditColumn),
            decimalSeparator: try container.decode(String.self, forKey: .decimalSeparator),
            outflowIsPositive: try container.decode(Bool.self, forKey: .outflowIsPositive),
            payeeColumn: try container.decodeIfPresent(Int.self, forKey: .payeeColumn),
            memoColumn: try container.decodeIfPresent(Int.self, forKey: .memoColumn),
            categoryColumn: try container.decodeIfPresent(Int.self, forKey: .categoryColumn),
            currencyColumn: try container.decodeIfPresent(Int.self, forKey: .currencyColumn),
            fitidColumn: try container.decodeIfPresent(Int.self, forKey: .fitidColumn))
    }

    /// The reader for `delimiter`, or an error saying what is wrong with it.
    func reader() throws(ImportFormatError) -> CSVReader {
        guard delimiter.count == 1, let reader = CSVReader(delimiter: delimiter.first!) else {
            throw ImportFormatError(setting: "the delimiter must be one character such as , ; | or a tab, not \"\(delimiter)\"")
        }
        return reader
    }

    /// The decimal separator as a byte, or an error.
    func decimalSeparatorByte() throws(ImportFormatError) -> UInt8 {
        switch decimalSeparator {
        case ".": return 0x2E
        case ",": return 0x2C
        default: throw ImportFormatError(setting: "the decimal separator must be \".\" or \",\", not \"\(decimalSeparator)\"")
        }
    }

    /// An error when the columns cannot work: no amount column at all, or a negative column number or skip count.
    func checkColumns() throws(ImportFormatError) {
        guard amountColumn != nil || debitColumn != nil || creditColumn != nil else {
            throw ImportFormatError(setting: "choose an amount column, or debit and credit columns")
        }
        let columns = [dateColumn, amountColumn, debitColumn, creditColumn, payeeColumn, memoColumn, categoryColumn,
                       currencyColumn, fitidColumn].compactMap { $0 }
        guard columns.allSatisfy({ $0 >= 0 }), skipRecords >= 0 else {
            throw ImportFormatError(setting: "column numbers and the records to skip cannot be negative")
        }
    }
}
