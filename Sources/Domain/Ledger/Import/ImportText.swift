/// Turning the bytes of an uploaded statement into text.
public enum ImportText {
    /// The file's text: a byte-order mark stripped; UTF-8 when the bytes are valid UTF-8 (UTF-16 when a UTF-16 mark
    /// says so), otherwise Windows-1252, which is what many banks' exports are.
    public static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return decodeUTF8OrWindows1252(bytes[3...]) }
        if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes[2...], bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes[2...], bigEndian: true) }
        return decodeUTF8OrWindows1252(bytes[...])
    }

    private static func decodeUTF8OrWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return decodeWindows1252(bytes)
    }

    /// Windows-1252 as the WHATWG Encoding Standard maps it: Latin-1 except 0x80-0x9F.
    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            utf8.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    // 0x80-0x9F; the five bytes Windows-1252 leaves undefined map to the C1 controls of the same value.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// Access to a string's UTF-8 bytes without copying them when the string is already contiguous (native strings are).
enum ImportBytes {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let quote: UInt8 = 0x22

    /// Runs `body` over the UTF-8 bytes of `text`, with a leading byte-order mark left out.
    static func with<Result, Failure: Error>(
        _ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome = text.utf8.withContiguousStorageIfAvailable { buffer in
            Swift.Result { () throws(Failure) in try body(withoutByteOrderMark(buffer)) }
        }
        if let outcome { return try outcome.get() }
        return try Array(text.utf8).withUnsafeBufferPointer { buffer in
            Swift.Result { () throws(Failure) in try body(withoutByteOrderMark(buffer)) }
        }.get()
    }

    private static func withoutByteOrderMark(_ buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF else { return buffer }
        return UnsafeBufferPointer(rebasing: buffer[3...])
    }

    /// The text of `range`, decoded as UTF-8 (ill-formed bytes become U+FFFD).
    static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// Calls `body` with each line's 1-based number and byte range (terminator excluded); CRLF, LF and CR all end a line.
    static func forEachLine<Failure: Error>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ body: (Int, Range<Int>) throws(Failure) -> Void
    ) throws(Failure) {
        var line = 1
        var start = 0
        var index = 0
        while index < buffer.count {
            let byte = buffer[index]
            if byte == lineFeed || byte == carriageReturn {
                try body(line, start..<index)
                index += byte == carriageReturn && index + 1 < buffer.count && buffer[index + 1] == lineFeed ? 2 : 1
                start = index
                line += 1
            } else {
                index += 1
            }
        }
        if start < buffer.count { try body(line, start..<buffer.count) }
    }

    /// `range` without leading and trailing ASCII spaces and tabs.
    static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, buffer[lower] == 0x20 || buffer[lower] == 0x09 { lower += 1 }
        while upper > lower, buffer[upper - 1] == 0x20 || buffer[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }
}

extension String {
    /// The string without leading and trailing whitespace (including no-break spaces).
    var trimmedForImport: String {
        guard let firstByte = utf8.first, let lastByte = utf8.last else { return "" }
        if (0x21..<0x80).contains(firstByte), (0x21..<0x80).contains(lastByte) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
