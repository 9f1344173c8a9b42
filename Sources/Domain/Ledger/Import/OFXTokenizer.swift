/// Splits OFX into tags and text, for both OFX 1.x SGML (leaf elements without end tags) and OFX 2.x XML.
/// Processing instructions, comments and the SGML header lines before the first tag are skipped.
enum OFXTokenizer {
    enum Token: Sendable, Hashable {
        /// `<NAME>`, upper-cased, attributes dropped.
        case start(String)
        /// `</NAME>`, upper-cased.
        case end(String)
        /// Text between tags, trimmed, entities decoded; never empty.
        case text(String)
    }

    /// Calls `body` with each token and the 1-based line it starts on; an error for a `<` never closed by `>`.
    static func forEachToken(
        _ text: String, _ body: (Token, Int) throws(ImportFormatError) -> Void
    ) throws(ImportFormatError) {
        try ImportBytes.with(text) { (bytes) throws(ImportFormatError) in
            var scanner = Scanner(bytes: bytes)
            try scanner.run(body)
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var line = 1
        var sawTag = false

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func run(_ body: (Token, Int) throws(ImportFormatError) -> Void) throws(ImportFormatError) {
            while index < bytes.count {
                if bytes[index] == 0x3C {  // <
                    let tagLine = line
                    if let token = try tag() { try body(token, tagLine) }
                } else {
                    let start = index
                    advance { $0 != 0x3C }
                    // SGML header lines ("OFXHEADER:100") come before the first tag and are not content.
                    guard sawTag else { continue }
                    let range = ImportBytes.trimmed(bytes, start..<index)
                    let trimmed = trimmingLineBreaks(range)
                    guard !trimmed.isEmpty else { continue }
                    let value = OFXEntities.decode(ImportBytes.string(bytes, trimmed))
                    try body(.text(value), line(at: trimmed.lowerBound, endingAt: index))
                }
            }
        }

        /// The tag at `index`; nil for processing instructions, declarations and comments.
        private mutating func tag() throws(ImportFormatError) -> Token? {
            let tagLine = line
            if starts(with: "<!--") {
                guard skip(past: "-->") else { throw unclosed(tagLine) }
                return nil
            }
            let start = index + 1
            advance { $0 != 0x3E }  // >
            guard index < bytes.count else { throw unclosed(tagLine) }
            let inner = ImportBytes.string(bytes, start..<index)
            index += 1
            sawTag = true
            guard let first = inner.first, first != "?", first != "!" else { return nil }
            let isEnd = first == "/"
            let name = (isEnd ? inner.dropFirst() : Substring(inner))
                .prefix { !$0.isWhitespace && $0 != "/" }
                .uppercased()
            return isEnd ? .end(name) : .start(name)
        }

        private func unclosed(_ tagLine: Int) -> ImportFormatError {
            ImportFormatError(line: tagLine, problem: "a tag starts with \"<\" here but never ends with \">\"")
        }

        /// Moves `index` forward while `condition` holds, counting line breaks.
        private mutating func advance(while condition: (UInt8) -> Bool) {
            while index < bytes.count, condition(bytes[index]) {
                countLineBreak(at: index)
                index += 1
            }
        }

        private mutating func countLineBreak(at position: Int) {
            let byte = bytes[position]
            if byte == ImportBytes.lineFeed {
                line += 1
            } else if byte == ImportBytes.carriageReturn, !(position + 1 < bytes.count && bytes[position + 1] == ImportBytes.lineFeed) {
                line += 1
            }
        }

        private func starts(with marker: String) -> Bool {
            let marker = Array(marker.utf8)
            return index + marker.count <= bytes.count && bytes[index..<(index + marker.count)].elementsEqual(marker)
        }

        private mutating func skip(past marker: String) -> Bool {
            while index < bytes.count {
                if starts(with: marker) {
                    index += marker.utf8.count
                    return true
                }
                countLineBreak(at: index)
                index += 1
            }
            return false
        }

        private func trimmingLineBreaks(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound, upper = range.upperBound
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            while lower < upper, isSpace(bytes[lower]) { lower += 1 }
            while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
            return lower..<upper
        }

        /// The line of `position`, given that `line` is the line at `end` (after it).
        private func line(at position: Int, endingAt end: Int) -> Int {
            var breaks = 0
            var cursor = position
            while cursor < end {
                let byte = bytes[cursor]
                if byte == ImportBytes.lineFeed
                    || (byte == ImportBytes.carriageReturn && !(cursor + 1 < end && bytes[cursor + 1] == ImportBytes.lineFeed)) {
                    breaks += 1
                }
                cursor += 1
            }
            return line - breaks
        }
    }
}

/// SGML/XML character references in OFX text.
enum OFXEntities {
    /// `text` with &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric references replaced; unknown ones kept as written.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(10).firstIndex(of: ";"),
                  let replacement = character(for: rest[afterAmpersand..<semicolon]) else {
                result.append("&")
                rest = rest[afterAmpersand...]
                continue
            }
            result.append(replacement)
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func character(for name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let isHex = digits.first == "x" || digits.first == "X"
            guard let value = UInt32(isHex ? digits.dropFirst() : digits, radix: isHex ? 16 : 10),
                  let scalar = Unicode.Scalar(value) else { return nil }
            return Character(scalar)
        }
    }
}
