/// Reading a CSV statement into rows with a confirmed `CSVMapping`.
public enum CSVImport {
    /// Every transaction in `text`; the first record that cannot be read throws, naming its line and what is wrong.
    /// Records whose fields are all blank are skipped.
    public static func rows(_ text: String, mapping: CSVMapping) throws(ImportFormatError) -> [ImportedRow] {
        let reader = try mapping.reader()
        let decimalSeparator = try mapping.decimalSeparatorByte()
        try mapping.checkColumns()
        var rows: [ImportedRow] = []
        var recordsToSkip = mapping.skipRecords
        var header: [String]?
        var awaitingHeader = mapping.hasHeader
        try reader.forEachRecord(text) { (record) throws(ImportFormatError) -> Bool in
            guard !isBlank(record) else { return true }
            if recordsToSkip > 0 {
                recordsToSkip -= 1
            } else if awaitingHeader {
                header = record.fields
                awaitingHeader = false
            } else {
                let columns = Columns(record: record, header: header)
                rows.append(try row(columns, mapping: mapping, decimalSeparator: decimalSeparator))
            }
            return true
        }
        return rows
    }

    /// Whether every field of `record` is empty or spaces (a line of bare delimiters).
    static func isBlank(_ record: CSVRecord) -> Bool {
        record.fields.allSatisfy { field in field.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    private static func row(
        _ columns: Columns, mapping: CSVMapping, decimalSeparator: UInt8
    ) throws(ImportFormatError) -> ImportedRow {
        let dateText = try columns.required(mapping.dateColumn, "date")
        guard let date = mapping.dateFormat.date(from: dateText) else {
            let problem = dateText.isEmpty ? "the date is empty" : "date \"\(dateText)\" is not a \(mapping.dateFormat.rawValue) date"
            throw columns.error(problem)
        }
        return ImportedRow(
            line: columns.record.line,
            date: date,
            amount: try amount(columns, mapping: mapping, decimalSeparator: decimalSeparator),
            payee: columns.optional(mapping.payeeColumn) ?? "",
            memo: columns.optional(mapping.memoColumn),
            fitid: columns.optional(mapping.fitidColumn),
            category: columns.optional(mapping.categoryColumn),
            currency: columns.optional(mapping.currencyColumn)?.uppercased()
        )
    }

    private static func amount(
        _ columns: Columns, mapping: CSVMapping, decimalSeparator: UInt8
    ) throws(ImportFormatError) -> String {
        if let amountColumn = mapping.amountColumn {
            let text = try columns.required(amountColumn, "amount")
            guard !text.isEmpty else { throw columns.error("the amount is empty") }
            let amount = try number(text, "amount", columns, decimalSeparator)
            return mapping.outflowIsPositive ? AmountText.negated(amount) : amount
        }
        let debitText = mapping.debitColumn.flatMap(columns.optional)
        let creditText = mapping.creditColumn.flatMap(columns.optional)
        guard debitText != nil || creditText != nil else {
            throw columns.error("both the debit and the credit are empty")
        }
        let debit = try debitText.map { (text) throws(ImportFormatError) in try number(text, "debit", columns, decimalSeparator) }
        let credit = try creditText.map { (text) throws(ImportFormatError) in try number(text, "credit", columns, decimalSeparator) }
        switch (debit.flatMap(nonZero), credit.flatMap(nonZero)) {
        case let (debit?, credit?):
            throw columns.error("has both a debit (\(debit)) and a credit (\(credit)); one of them must be empty")
        case let (debit?, nil):
            // Some banks write debits already negative; either way the money leaves.
            return AmountText.isNegative(debit) ? debit : AmountText.negated(debit)
        case let (nil, credit?):
            return credit
        case (nil, nil):
            return credit ?? debit ?? "0"
        }
    }

    private static func number(
        _ text: String, _ what: String, _ columns: Columns, _ decimalSeparator: UInt8
    ) throws(ImportFormatError) -> String {
        guard let amount = AmountText.normalise(text, decimalSeparator: decimalSeparator) else {
            let separator = decimalSeparator == 0x2C ? "," : "."
            throw columns.error("\(what) \"\(text)\" is not a number (decimal separator \"\(separator)\")")
        }
        return amount
    }

    private static func nonZero(_ amount: String) -> String? { AmountText.isZero(amount) ? nil : amount }

    /// A record's fields looked up by mapped column, with the header for naming columns in messages.
    private struct Columns {
        let record: CSVRecord
        let header: [String]?

        /// The trimmed field, or an error when the record is too short to have the column.
        func required(_ column: Int, _ what: String) throws(ImportFormatError) -> String {
            guard column < record.fields.count else {
                throw error("the \(what) should be in \(name(column)) but the record has only \(record.fields.count) fields")
            }
            return record.fields[column].trimmedForImport
        }

        /// The trimmed field; nil when the column is not mapped, missing from the record or blank.
        func optional(_ column: Int?) -> String? {
            guard let column, column < record.fields.count else { return nil }
            let value = record.fields[column].trimmedForImport
            return value.isEmpty ? nil : value
        }

        func name(_ column: Int) -> String {
            guard let header, column < header.count, !header[column].trimmedForImport.isEmpty else {
                return "column \(column + 1)"
            }
            return "column \(column + 1) (\"\(header[column].trimmedForImport)\")"
        }

        func error(_ problem: String) -> ImportFormatError { ImportFormatError(line: record.line, problem: problem) }
    }
}
