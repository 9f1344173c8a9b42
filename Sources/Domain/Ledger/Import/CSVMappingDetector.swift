/// A proposed `CSVMapping` for a file, with what the user should look at before confirming it.
public struct CSVDetection: Sendable, Hashable {
    /// The mapping the file's content suggests.
    public var mapping: CSVMapping
    /// The column names, when the file has a header record.
    public var header: [String]?
    /// The first few transaction records, to show beside the mapping.
    public var sampleRecords: [CSVRecord]
    /// Guesses the user must confirm and problems found, one sentence each.
    public var notes: [String]
    /// The currency the amounts' symbols or codes name ("1.234,56 €" → "EUR"), when they name exactly one.
    public var currency: String?

    /// A detection with every part given.
    public init(mapping: CSVMapping, header: [String]?, sampleRecords: [CSVRecord], notes: [String], currency: String?) {
        self.mapping = mapping
        self.header = header
        self.sampleRecords = sampleRecords
        self.notes = notes
        self.currency = currency
    }
}

/// Guessing a CSV file's layout from its first records: delimiter, preamble, header, column roles, date format,
/// decimal separator and sign convention.
public enum CSVMappingDetector {
    /// The mapping `text` most likely needs; never fails, but says in `notes` what it could not tell.
    public static func detect(_ text: String) -> CSVDetection {
        var notes: [String] = []
        let table = bestTable(text)
        if let error = table.error { notes.append("the file could not be read to the end: \(error.message)") }
        if table.skip > 0 {
            notes.append("skipped \(table.skip) record\(table.skip == 1 ? "" : "s") before the table (the bank's preamble)")
        }
        let delimiter = String(UnicodeScalar(table.reader.delimiter))
        let body = table.records.dropFirst(table.skip)
        guard let first = body.first else {
            notes.append("no records found")
            return CSVDetection(
                mapping: CSVMapping(delimiter: delimiter, hasHeader: false, dateColumn: 0, dateFormat: .isoDashed),
                header: nil, sampleRecords: [], notes: notes, currency: nil)
        }
        let hasHeader = isHeader(first.fields)
        let data = Array(body.dropFirst(hasHeader ? 1 : 0).prefix(valueSampleSize))
        let header = hasHeader ? first.fields.map(\.trimmedForImport) : nil
        if !hasHeader { notes.append("the first record holds data, not column names: columns were chosen from their values") }

        var chooser = CSVColumnChooser(header: header, data: data, delimiter: table.reader.delimiter)
        let mapping = chooser.mapping(delimiter: delimiter, hasHeader: hasHeader, skip: table.skip)
        return CSVDetection(
            mapping: mapping, header: header, sampleRecords: Array(data.prefix(sampleRecordCount)),
            notes: notes + chooser.notes, currency: chooser.currency)
    }

    /// Records whose column counts decide the delimiter.
    static let consistencySampleSize = 50
    /// Records whose values decide the columns' roles and formats.
    static let valueSampleSize = 200
    static let sampleRecordCount = 5
    private static let delimiters: [Character] = [",", ";", "\t", "|"]

    /// The file's non-blank records under one delimiter, and where its table starts.
    struct Table {
        var reader: CSVReader
        var records: [CSVRecord]
        var error: ImportFormatError?
        /// Records before the first one with the table's column count.
        var skip: Int
        /// The table's column count.
        var width: Int
        /// How much of the file's start the table explains: its cells, scaled by the share of records from `skip`
        /// on that have `width` columns.
        var score: Double
    }

    /// The delimiter whose records form the largest consistent table (more columns on a tie).
    static func bestTable(_ text: String) -> Table {
        let tables = delimiters.map { table(text, reader: CSVReader(delimiter: $0)!) }
        return tables.max { $0.score != $1.score ? $0.score < $1.score : $0.width < $1.width }!
    }

    private static func table(_ text: String, reader: CSVReader) -> Table {
        var records: [CSVRecord] = []
        var failure: ImportFormatError?
        do throws(ImportFormatError) {
            try reader.forEachRecord(text) { record in
                if !CSVImport.isBlank(record) { records.append(record) }
                return records.count < consistencySampleSize + valueSampleSize
            }
        } catch {
            failure = error
        }
        let counts = records.prefix(consistencySampleSize).map(\.fields.count)
        let width = widestRun(counts)
        let skip = counts.firstIndex(of: width) ?? 0
        let matching = counts[skip...].filter { $0 == width }.count
        let consistency = counts.count > skip ? Double(matching) / Double(counts.count - skip) : 0
        let score = width > 1 ? Double(matching * width) * consistency : 0
        return Table(reader: reader, records: records, error: failure, skip: skip, width: width, score: score)
    }

    /// The column count of the run of consecutive records with the same count (two or more) holding the most cells:
    /// the table, rather than a preamble of short "key;value" lines before it.
    private static func widestRun(_ counts: [Int]) -> Int {
        var best = (width: 0, cells: 0)
        var start = 0
        while start < counts.count {
            var end = start
            while end < counts.count, counts[end] == counts[start] { end += 1 }
            let cells = (end - start) * counts[start]
            if counts[start] > 1, cells > best.cells { best = (counts[start], cells) }
            start = end
        }
        return best.width
    }

    /// A record of column names: no cell is a date, and some cell is a known name or none is a number.
    static func isHeader(_ fields: [String]) -> Bool {
        let cells = fields.map(\.trimmedForImport).filter { !$0.isEmpty }
        guard !cells.isEmpty, !cells.contains(where: CSVValueKind.isDate) else { return false }
        return cells.contains(where: CSVColumnName.isKnown) || !cells.contains(where: CSVValueKind.isAmount)
    }
}

/// What a cell's text looks like.
enum CSVValueKind {
    static func isDate(_ text: String) -> Bool { CSVDateFormat.allCases.contains { $0.date(from: text) != nil } }

    static func isAmount(_ text: String) -> Bool {
        AmountText.read(text, decimalSeparator: 0x2E) != nil || AmountText.read(text, decimalSeparator: 0x2C) != nil
    }

    static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
            && Currency(code: text) != nil
    }
}
