/// Reading Quicken Interchange Format files: the transactions of `!Type:Bank`, `Cash`, `CCard`, `Oth A` and `Oth L`
/// sections. Account lists, category lists, investment and memorised sections are skipped, as are splits.
public enum QIFImport {
    /// The transactions in `text`. `dayFirst` says how to read dates like 03/04/2024; when nil it is decided over the
    /// whole file (a day above 12 shows the order) and is month-first (US) when nothing shows it.
    public static func parse(_ text: String, dayFirst: Bool? = nil) throws(ImportFormatError) -> [ImportedRow] {
        let records = try QIFRecords.read(text)
        let isDayFirst: Bool
        if let dayFirst { isDayFirst = dayFirst } else { isDayFirst = try QIFDate.isDayFirst(records.compactMap(\.date)) }
        return try records.map { (record) throws(ImportFormatError) in try row(record, dayFirst: isDayFirst) }
    }

    private static func row(_ record: QIFRecords.Record, dayFirst: Bool) throws(ImportFormatError) -> ImportedRow {
        guard let dateField = record.date else {
            throw ImportFormatError(line: record.line, problem: "the transaction has no D (date) line")
        }
        guard let date = QIFDate.parts(dateField.value)?.date(dayFirst: dayFirst) else {
            let order = dayFirst ? "day/month/year" : "month/day/year"
            throw ImportFormatError(line: dateField.line, problem: "date \"\(dateField.value)\" is not a \(order) date")
        }
        guard let amountField = record.amount else {
            throw ImportFormatError(line: record.line, problem: "the transaction has no T (amount) line")
        }
        guard let amount = amount(amountField.value) else {
            throw ImportFormatError(line: amountField.line, problem: "amount \"\(amountField.value)\" is not a number")
        }
        return ImportedRow(
            line: record.line, date: date, amount: amount, payee: record.payee ?? "", memo: record.memo,
            fitid: nil, category: category(record.category), currency: nil)
    }

    /// A QIF amount ("-1,234.56"); where both marks appear the last is the decimal one, a lone comma is grouping when
    /// it is followed by three digits ("1,234") and a decimal comma otherwise ("12,50").
    static func amount(_ text: String) -> String? {
        let bytes = text.utf8
        if let lastPoint = bytes.lastIndex(of: 0x2E), let lastComma = bytes.lastIndex(of: 0x2C) {
            return AmountText.normalise(text, decimalSeparator: lastPoint > lastComma ? 0x2E : 0x2C)
        }
        return AmountText.normalise(text, decimalSeparator: 0x2E) ?? AmountText.normalise(text, decimalSeparator: 0x2C)
    }

    /// The category of an `L` line: nil for a transfer (`[Savings]`) or nothing; `Parent:Sub` kept as written.
    static func category(_ text: String?) -> String? {
        guard let text, !text.isEmpty, !text.hasPrefix("[") else { return nil }
        return text
    }
}

/// The records of a QIF file's transaction sections, fields unparsed.
enum QIFRecords {
    struct Field: Sendable, Hashable {
        var value: String
        var line: Int
    }

    struct Record: Sendable {
        /// The line of the record's first field.
        var line: Int
        var date: Field?
        var amount: Field?
        var payee: String?
        var memo: String?
        var category: String?
        var isEmpty: Bool { date == nil && amount == nil && payee == nil && memo == nil && category == nil }
    }

    static func read(_ text: String) throws(ImportFormatError) -> [Record] {
        try ImportBytes.with(text) { (bytes) throws(ImportFormatError) -> [Record] in
            var records: [Record] = []
            var current: Record?
            // A file without a !Type header is read as a bank register.
            var inTransactions = true
            try ImportBytes.forEachLine(bytes) { (line, range) throws(ImportFormatError) in
                let range = ImportBytes.trimmed(bytes, range)
                guard let code = range.first.map({ bytes[$0] }) else { return }
                let value = ImportBytes.string(bytes, ImportBytes.trimmed(bytes, (range.lowerBound + 1)..<range.upperBound))
                if code == 0x21 {  // !
                    if let header = section(ImportBytes.string(bytes, range)) { inTransactions = header }
                    if let record = current, !record.isEmpty { records.append(record) }
                    current = nil
                    return
                }
                guard inTransactions else { return }
                if code == 0x5E {  // ^ ends the record
                    if let record = current, !record.isEmpty { records.append(record) }
                    current = nil
                    return
                }
                var record = current ?? Record(line: line)
                switch code {
                case 0x44: record.date = record.date ?? Field(value: value, line: line)  // D
                case 0x54: record.amount = Field(value: value, line: line)  // T
                case 0x55: record.amount = record.amount ?? Field(value: value, line: line)  // U
                case 0x50: record.payee = value  // P
                case 0x4D: record.memo = value.isEmpty ? nil : value  // M
                case 0x4C: record.category = value  // L
                default: break  // N check number, C cleared, A address, S/E/$/% splits
                }
                current = record
            }
            if let record = current, !record.isEmpty { records.append(record) }
            return records
        }
    }

    /// For a `!` line: true when a transaction section starts, false when another section starts, nil for options.
    private static func section(_ header: String) -> Bool? {
        let lowered = header.lowercased()
        if lowered.hasPrefix("!type:") {
            let kind = lowered.dropFirst("!type:".count).trimmingPrefix(" ")
            return ["bank", "cash", "ccard", "oth a", "oth l", "invoice"].contains { kind.hasPrefix($0) }
        }
        if lowered.hasPrefix("!account") { return false }
        return nil
    }
}

/// QIF dates: `1/31/2024`, `31/01/2024`, `1/31'24` (the apostrophe marks 2000 and later), ` 1/ 5'04`, `01-31-2024`,
/// `2024-01-31`, `20240131`.
enum QIFDate {
    struct Parts: Sendable, Hashable {
        /// The first and second number of a day/month or month/day date; year-first dates have month and day here.
        var first: Int
        var second: Int
        var year: Int
        var isYearFirst: Bool

        func date(dayFirst: Bool) -> CalendarDate? {
            if isYearFirst || !dayFirst { return CalendarDate(year: year, month: first, day: second) }
            return CalendarDate(year: year, month: second, day: first)
        }
    }

    static func parts(_ text: String) -> Parts? {
        var groups: [[UInt8]] = [[]]
        var apostrophe = false
        for byte in text.utf8 {
            if (0x30...0x39).contains(byte) {
                groups[groups.count - 1].append(byte)
            } else if [0x2F, 0x2D, 0x2E, 0x27, 0x20].contains(byte) {  // / - . ' space
                if byte == 0x27 { apostrophe = true }
                if !groups[groups.count - 1].isEmpty { groups.append([]) }
            } else {
                return nil
            }
        }
        groups.removeAll { $0.isEmpty }
        func number(_ digits: [UInt8]) -> Int { digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        if groups.count == 1, groups[0].count == 8 {
            let digits = groups[0]
            return Parts(first: number(Array(digits[4..<6])), second: number(Array(digits[6..<8])),
                         year: number(Array(digits[0..<4])), isYearFirst: true)
        }
        guard groups.count == 3, groups.allSatisfy({ $0.count <= 4 }) else { return nil }
        if groups[0].count == 4 {
            return Parts(first: number(groups[1]), second: number(groups[2]), year: number(groups[0]), isYearFirst: true)
        }
        guard groups[0].count <= 2, groups[1].count <= 2, groups[2].count != 3 else { return nil }
        var year = number(groups[2])
        if groups[2].count <= 2 { year = apostrophe ? 2000 + year : CSVDateFormat.widenedYear(year) }
        return Parts(first: number(groups[0]), second: number(groups[1]), year: year, isYearFirst: false)
    }

    /// Whether the file's dates are day-first: true when some first number exceeds 12, false when some second number
    /// does or nothing tells; an error when the file shows both orders.
    static func isDayFirst(_ fields: [QIFRecords.Field]) throws(ImportFormatError) -> Bool {
        var dayFirstEvidence: QIFRecords.Field?
        var monthFirstEvidence: QIFRecords.Field?
        for field in fields {
            guard let parts = parts(field.value), !parts.isYearFirst else { continue }
            if parts.first > 12, parts.second <= 12 { dayFirstEvidence = dayFirstEvidence ?? field }
            if parts.second > 12, parts.first <= 12 { monthFirstEvidence = monthFirstEvidence ?? field }
            if let dayFirst = dayFirstEvidence, let monthFirst = monthFirstEvidence {
                let (later, earlier) = dayFirst.line > monthFirst.line ? (dayFirst, monthFirst) : (monthFirst, dayFirst)
                throw ImportFormatError(
                    line: later.line,
                    problem: "date \"\(later.value)\" is in a different day/month order than \"\(earlier.value)\" on line \(earlier.line)")
            }
        }
        return dayFirstEvidence != nil
    }
}
