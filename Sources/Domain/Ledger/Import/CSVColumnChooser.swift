/// Assigns roles to a CSV file's columns from their header names, checked against their values, or from the values
/// alone when there is no header; collects what the user should confirm.
struct CSVColumnChooser {
    let header: [String]?
    let data: [CSVRecord]
    let delimiter: UInt8
    private(set) var notes: [String] = []
    private(set) var currency: String?
    private var taken: Set<Int> = []
    private let width: Int

    init(header: [String]?, data: [CSVRecord], delimiter: UInt8) {
        self.header = header
        self.data = data
        self.delimiter = delimiter
        self.width = max(header?.count ?? 0, data.map(\.fields.count).max() ?? 0)
    }

    mutating func mapping(delimiter: String, hasHeader: Bool, skip: Int) -> CSVMapping {
        let (dateColumn, dateFormat) = chooseDate()
        var mapping = CSVMapping(
            delimiter: delimiter, hasHeader: hasHeader, skipRecords: skip, dateColumn: dateColumn, dateFormat: dateFormat)
        chooseAmounts(into: &mapping)
        mapping.currencyColumn = named(.currency) { $0.allSatisfy(CSVValueKind.isCurrencyCode) }
            ?? firstColumn { !$0.isEmpty && $0.allSatisfy(CSVValueKind.isCurrencyCode) }
        let rowCount = data.count
        mapping.fitidColumn = named(.identifier) { values in
            values.count == rowCount && Set(values).count == values.count
        }
        mapping.categoryColumn = named(.category) { _ in true }
        if let party = named(.party, accepting: { _ in true }) {
            mapping.payeeColumn = party
            mapping.memoColumn = named(.memo) { _ in true } ?? named(.description) { _ in true }
        } else {
            mapping.payeeColumn = named(.description) { _ in true } ?? mostVariedTextColumn()
            mapping.memoColumn = named(.memo) { _ in true }
        }
        if mapping.payeeColumn == nil { notes.append("no column looks like a payee or description: choose one") }
        return mapping
    }

    // MARK: Date

    private mutating func chooseDate() -> (Int, CSVDateFormat) {
        let rowCount = data.count
        let column = named(.date) { !Self.fittingFormats($0).isEmpty }
            ?? firstColumn { $0.count * 2 >= rowCount && !Self.fittingFormats($0).isEmpty }
        guard let column else {
            notes.append("no column holds dates in a known format: choose the date column and its format")
            return (0, .isoDashed)
        }
        let values = values(column)
        let formats = Self.fittingFormats(values)
        let format = formats[0]  // allCases order puts day-first before month-first
        if let swapped = format.swappingDayAndMonth, formats.contains(swapped),
           let example = values.first(where: { format.date(from: $0) != swapped.date(from: $0) }) {
            notes.append("dates like \(example) fit both \(format.rawValue) and \(swapped.rawValue); assumed \(format.rawValue)")
        }
        return (column, format)
    }

    /// The formats under which every value is a date, in `CSVDateFormat.allCases` order.
    static func fittingFormats(_ values: [String]) -> [CSVDateFormat] {
        guard !values.isEmpty else { return [] }
        return CSVDateFormat.allCases.filter { format in values.allSatisfy { format.date(from: $0) != nil } }
    }

    // MARK: Amounts

    private mutating func chooseAmounts(into mapping: inout CSVMapping) {
        if let amount = named(.amount, accepting: Self.isNumeric) {
            mapping.amountColumn = amount
        } else if let debit = named(.debit, accepting: Self.isNumeric), let credit = named(.credit, accepting: Self.isNumeric) {
            mapping.debitColumn = debit
            mapping.creditColumn = credit
        } else if let amount = amountColumnFromValues() {
            mapping.amountColumn = amount
            notes.append("the amount column was chosen from its values: \(describe(amount))")
        } else {
            notes.append("no column holds amounts: choose the amount column, or debit and credit columns")
            return
        }
        let amountValues = [mapping.amountColumn, mapping.debitColumn, mapping.creditColumn].compactMap { $0 }
            .flatMap(values)
        let separator = chooseDecimalSeparator(amountValues)
        mapping.decimalSeparator = separator == 0x2C ? "," : "."
        let readings = amountValues.compactMap { AmountText.read($0, decimalSeparator: separator) }
        if let amount = mapping.amountColumn,
           !readings.isEmpty, !readings.contains(where: { AmountText.isNegative($0.decimal) }) {
            mapping.outflowIsPositive = true
            notes.append("no negative amounts seen in \(describe(amount)): are expenses positive? assumed they are")
        }
        chooseCurrency(from: readings.compactMap(\.currencyMark))
    }

    private static func isNumeric(_ values: [String]) -> Bool {
        !values.isEmpty && [UInt8(0x2E), 0x2C].contains { separator in
            values.allSatisfy { AmountText.read($0, decimalSeparator: separator) != nil }
        }
    }

    /// The unassigned numeric column most like an amount: one with negative values and fractions, else fractions.
    private func amountColumnFromValues() -> Int? {
        let candidates = (0..<width).filter { column in
            !taken.contains(column) && !isBalance(column) && values(column).count * 2 >= data.count
                && Self.isNumeric(values(column))
        }
        func hasFractions(_ column: Int) -> Bool {
            values(column).contains { $0.utf8.contains(0x2E) || $0.utf8.contains(0x2C) }
        }
        func hasNegatives(_ column: Int) -> Bool {
            values(column).contains { value in
                [UInt8(0x2E), 0x2C].contains { AmountText.read(value, decimalSeparator: $0).map { AmountText.isNegative($0.decimal) } ?? false }
            }
        }
        return candidates.first { hasFractions($0) && hasNegatives($0) } ?? candidates.first(where: hasFractions)
            ?? candidates.first
    }

    private func isBalance(_ column: Int) -> Bool {
        guard let header, column < header.count else { return false }
        let key = CSVColumnName.key(header[column])
        return ["balance", "saldo", "solde", "kontostand"].contains { key.contains($0) }
    }

    /// "." or "," (as a byte): the one under which every amount reads; on a tie, "," in ";"-separated files.
    private mutating func chooseDecimalSeparator(_ values: [String]) -> UInt8 {
        let point: UInt8 = 0x2E, comma: UInt8 = 0x2C
        let readsWithPoint = values.filter { AmountText.read($0, decimalSeparator: point) != nil }.count
        let readsWithComma = values.filter { AmountText.read($0, decimalSeparator: comma) != nil }.count
        let preferred = delimiter == 0x3B ? comma : point
        if readsWithPoint == values.count && readsWithComma == values.count {
            let ambiguous = values.first { $0.utf8.contains(point) || $0.utf8.contains(comma) }
            if let ambiguous {
                notes.append("amounts like \(ambiguous) read with either \".\" or \",\" as the decimal separator; assumed \"\(preferred == comma ? "," : ".")\"")
            }
            return preferred
        }
        if readsWithPoint == values.count { return point }
        if readsWithComma == values.count { return comma }
        let separator = readsWithPoint == readsWithComma ? preferred : readsWithPoint > readsWithComma ? point : comma
        if let unreadable = values.first(where: { AmountText.read($0, decimalSeparator: separator) == nil }) {
            notes.append("some amounts are not numbers, such as \"\(unreadable)\"")
        }
        return separator
    }

    private mutating func chooseCurrency(from marks: [String]) {
        let symbols: [String: String] = ["€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY"]
        let codes = Set(marks.compactMap { symbols[$0] ?? Currency(code: $0)?.code })
        guard codes.count == 1, let code = codes.first else { return }
        currency = code
        if let symbol = marks.first(where: { $0 == "$" || $0 == "¥" }) {
            notes.append("amounts are marked \"\(symbol)\": assumed \(code)")
        }
    }

    // MARK: Columns

    /// The trimmed non-empty values of `column` over the sampled records.
    func values(_ column: Int) -> [String] {
        data.compactMap { record in
            guard column < record.fields.count else { return nil }
            let value = record.fields[column].trimmedForImport
            return value.isEmpty ? nil : value
        }
    }

    /// The free column whose header names `role` best and whose values `accepting` approves; marked taken.
    private mutating func named(_ role: CSVColumnName.Role, accepting: ([String]) -> Bool) -> Int? {
        guard let header else { return nil }
        let ranked = header.indices
            .map { (column: $0, score: CSVColumnName.score(header[$0], for: role)) }
            .filter { $0.score > 0 && !taken.contains($0.column) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.column < $1.column }
        guard let chosen = ranked.first(where: { accepting(values($0.column)) })?.column else { return nil }
        taken.insert(chosen)
        return chosen
    }

    /// The first free column whose values `accepting` approves; marked taken.
    private mutating func firstColumn(_ accepting: ([String]) -> Bool) -> Int? {
        guard let chosen = (0..<width).first(where: { !taken.contains($0) && accepting(values($0)) }) else { return nil }
        taken.insert(chosen)
        return chosen
    }

    /// The free column of text (not dates, numbers or codes) with the most distinct values: likely the payee.
    private mutating func mostVariedTextColumn() -> Int? {
        let text = (0..<width).filter { column in
            let values = values(column)
            return !taken.contains(column) && !values.isEmpty && !values.allSatisfy(CSVValueKind.isAmount)
                && Self.fittingFormats(values).isEmpty && !values.allSatisfy(CSVValueKind.isCurrencyCode)
        }
        guard let chosen = text.max(by: { Set(values($0)).count < Set(values($1)).count }) else { return nil }
        taken.insert(chosen)
        return chosen
    }

    private func describe(_ column: Int) -> String {
        guard let header, column < header.count, !header[column].isEmpty else { return "column \(column + 1)" }
        return "column \(column + 1) (\"\(header[column])\")"
    }
}
