/// Reads the European Central Bank's euro foreign exchange reference rates as published in CSV:
///
/// - the daily file `eurofxref.csv`: `Date, USD, JPY, ...,` then one row `21 November 2025, 1.1512, 181.32, ...,`
///   (a space after each comma, a trailing comma, the date as `d MMMM yyyy` in English);
/// - the history file `eurofxref-hist.csv`: `Date,USD,JPY,...,` then one row per working day, newest first,
///   `2025-11-21,1.1512,181.32,...,N/A,...,` (ISO dates, `N/A` where a currency was not quoted that day).
///
/// Either date form is accepted in either file. Every rate is "1 EUR = value quote". Cells that are empty or `N/A`
/// are skipped, and so are whole columns whose code `Currency(code:)` does not know (currencies the ECB quoted in the
/// past and ISO 4217 has since withdrawn, such as CYP or TRL). Anything else that is not a positive plain decimal,
/// a row with the wrong number of cells, an unreadable date or a day given twice is a malformed file, reported with
/// its line number (from 1); nothing is returned then.
public enum ECBRatesCSV {
    private static let euro = Currency(code: "EUR")!

    private static let months = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]

    /// The rates in `text`, in file order (row by row, columns left to right).
    public static func parse(_ text: String) throws(FXError) -> [FXRate] {
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }

        var columns: [Currency?] = []
        var headerSeen = false
        var linesOfDays: [CalendarDate: Int] = [:]
        var rates: [FXRate] = []
        rates.reserveCapacity(lines.count * 32)

        for (offset, rawLine) in lines.enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(trim)
            // Both files end every line with a comma: drop that one empty cell.
            if cells.count > 1, cells.last?.isEmpty == true { cells.removeLast() }

            guard headerSeen else {
                guard cells.first?.lowercased() == "date" else {
                    throw .malformedFile(line: lineNumber, reason: "the header must start with \"Date\", found \"\(cells.first ?? "")\"")
                }
                var seen: Set<Currency> = []
                for cell in cells.dropFirst() {
                    let currency = Currency(code: String(cell)).flatMap { $0 == euro ? nil : $0 }
                    if let currency, !seen.insert(currency).inserted {
                        throw .malformedFile(line: lineNumber, reason: "the currency \(currency.code) has two columns")
                    }
                    columns.append(currency)
                }
                headerSeen = true
                continue
            }

            guard cells.count == columns.count + 1 else {
                throw .malformedFile(line: lineNumber, reason: "expected a date and \(columns.count) rates, found \(cells.count) cells")
            }
            guard let day = date(cells[0]) else {
                throw .malformedFile(line: lineNumber, reason: "\"\(cells[0])\" is not a date like 2025-11-21 or 21 November 2025")
            }
            if let earlier = linesOfDays.updateValue(lineNumber, forKey: day) {
                throw .malformedFile(line: lineNumber, reason: "\(day.iso) was already given on line \(earlier)")
            }
            for (index, currency) in columns.enumerated() {
                guard let currency else { continue }
                let cell = cells[index + 1]
                if cell.isEmpty || cell.uppercased() == "N/A" { continue }
                guard let value = ExactDecimal(cell), value.signum > 0 else {
                    throw .malformedFile(line: lineNumber, reason: "the \(currency.code) rate \"\(cell)\" is not a positive decimal")
                }
                rates.append(FXRate(day: day, base: euro, quote: currency, rate: value))
            }
        }
        guard headerSeen else { throw .malformedFile(line: 1, reason: "the file is empty; expected a header \"Date, USD, ...\"") }
        return rates
    }

    private static func trim(_ cell: Substring) -> Substring {
        var cell = cell
        while let first = cell.first, first == " " || first == "\t" || first == "\"" { cell = cell.dropFirst() }
        while let last = cell.last, last == " " || last == "\t" || last == "\"" { cell = cell.dropLast() }
        return cell
    }

    /// `2025-11-21` or `21 November 2025` (the month's English name, any case; the three-letter abbreviation too).
    static func date(_ text: Substring) -> CalendarDate? {
        if let iso = CalendarDate(iso: String(text)) { return iso }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0].count <= 2, parts[2].count == 4,
              let day = Int(parts[0]), let year = Int(parts[2]) else { return nil }
        let name = parts[1].lowercased()
        guard name.count >= 3, let month = months.firstIndex(where: { $0 == name || ($0.hasPrefix(name) && name.count == 3) })
        else { return nil }
        return CalendarDate(year: year, month: month + 1, day: day)
    }
}
