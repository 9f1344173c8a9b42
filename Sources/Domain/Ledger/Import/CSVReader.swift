/// One CSV record: its fields and the physical line it starts on.
public struct CSVRecord: Sendable, Hashable {
    /// 1-based line where the record starts (a quoted field can carry it over several lines).
    public var line: Int
    /// The fields, unquoted, in file order.
    public var fields: [String]

    /// A record starting on `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// An RFC 4180 reader over UTF-8 bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF/LF/CR line ends.
/// Blank lines carry no record and are skipped.
public struct CSVReader: Sendable, Hashable {
    /// The byte separating fields.
    public let delimiter: UInt8

    /// A reader splitting on `delimiter`: one ASCII character other than a quote or a line break; nil otherwise.
    public init?(delimiter: Character) {
        guard let byte = delimiter.asciiValue, byte != ImportBytes.quote, byte != ImportBytes.lineFeed,
              byte != ImportBytes.carriageReturn else { return nil }
        self.delimiter = byte
    }

    /// The records of `text`, at most `limit` of them.
    public func records(_ text: String, limit: Int = .max) throws(ImportFormatError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(text) { record in
            records.append(record)
            return records.count < limit
        }
        return records
    }

    /// Calls `body` with each record in order until it returns false.
    public func forEachRecord(
        _ text: String, _ body: (CSVRecord) throws(ImportFormatError) -> Bool
    ) throws(ImportFormatError) {
        try ImportBytes.with(text) { (buffer) throws(ImportFormatError) in try scan(buffer, body) }
    }

    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws(ImportFormatError) -> Bool
    ) throws(ImportFormatError) {
        var scanner = Scanner(bytes: bytes, delimiter: delimiter)
        var record = CSVRecord(line: 0, fields: [])
        while !scanner.isAtEnd {
            if scanner.consumeLineBreak() { continue }  // a blank line
            record.line = scanner.line
            record.fields.removeAll(keepingCapacity: true)
            repeat {
                record.fields.append(try scanner.field())
            } while scanner.consumeDelimiter()
            _ = scanner.consumeLineBreak()
            guard try body(record) else { return }
        }
    }

    /// A cursor over the bytes that knows the physical line it is on.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        private(set) var index = 0
        private(set) var line = 1
        /// Reused for fields whose text is not one slice of the input (doubled quotes inside).
        private var unescaped: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
            self.bytes = bytes
            self.delimiter = delimiter
        }

        var isAtEnd: Bool { index >= bytes.count }

        /// Steps over CRLF, LF or CR at the cursor, counting the line; false when there is none.
        mutating func consumeLineBreak() -> Bool {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            guard byte == ImportBytes.lineFeed || byte == ImportBytes.carriageReturn else { return false }
            index += byte == ImportBytes.carriageReturn && isCarriageReturnLineFeed(at: index) ? 2 : 1
            line += 1
            return true
        }

        /// Steps over a delimiter at the cursor; false when there is none.
        mutating func consumeDelimiter() -> Bool {
            guard index < bytes.count, bytes[index] == delimiter else { return false }
            index += 1
            return true
        }

        /// The field at the cursor, which is left on the delimiter or line break after it.
        mutating func field() throws(ImportFormatError) -> String {
            if let openingQuote = openingQuote() { return try quotedField(openingQuote) }
            let start = index
            advanceToFieldEnd()
            return ImportBytes.string(bytes, start..<index)
        }

        private mutating func advanceToFieldEnd() {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == delimiter || byte == ImportBytes.lineFeed || byte == ImportBytes.carriageReturn { return }
                index += 1
            }
        }

        /// The index of the quote opening the field, allowing spaces before it (`a, "b"`); nil when unquoted.
        private func openingQuote() -> Int? {
            var position = index
            while position < bytes.count, bytes[position] == 0x20, delimiter != 0x20 { position += 1 }
            return position < bytes.count && bytes[position] == ImportBytes.quote ? position : nil
        }

        private mutating func quotedField(_ openingQuote: Int) throws(ImportFormatError) -> String {
            let openingLine = line
            index = openingQuote + 1
            var start = index
            var escaped = false
            unescaped.removeAll(keepingCapacity: true)
            while true {
                guard index < bytes.count else {
                    throw ImportFormatError(
                        line: openingLine, problem: "a quoted field starts here but its closing quote (\") is missing")
                }
                let byte = bytes[index]
                if byte == ImportBytes.quote {
                    guard index + 1 < bytes.count, bytes[index + 1] == ImportBytes.quote else { break }
                    unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
                    escaped = true
                    index += 2
                    start = index
                    continue
                }
                if byte == ImportBytes.lineFeed || (byte == ImportBytes.carriageReturn && !isCarriageReturnLineFeed(at: index)) {
                    line += 1
                }
                index += 1
            }
            let end = index
            index += 1
            // Tolerated, not RFC 4180: spaces after the closing quote are dropped, other text up to the delimiter kept.
            while index < bytes.count, bytes[index] == 0x20, delimiter != 0x20 { index += 1 }
            let trailingStart = index
            advanceToFieldEnd()
            guard escaped || trailingStart < index else { return ImportBytes.string(bytes, start..<end) }
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[trailingStart..<index]))
            return String(decoding: unescaped, as: UTF8.self)
        }

        private func isCarriageReturnLineFeed(at position: Int) -> Bool {
            position + 1 < bytes.count && bytes[position] == ImportBytes.carriageReturn
                && bytes[position + 1] == ImportBytes.lineFeed
        }
    }
}
