/// Block string rules of spec section 2.1.10: how a raw block string becomes its value, and
/// how a value is written back as a block string.
enum BlockString {
    /// BlockStringValue(): split into lines, remove the common indentation of every line but
    /// the first, and drop leading and trailing blank lines.
    static func dedent(_ raw: [UInt8]) -> String {
        var lines: [Range<Int>] = []
        var lineStart = 0
        var i = 0
        let n = raw.count
        while i < n {
            let c = raw[i]
            if c == 0x0A || c == 0x0D {
                lines.append(lineStart..<i)
                if c == 0x0D && i + 1 < n && raw[i + 1] == 0x0A { i += 1 }
                lineStart = i + 1
            }
            i += 1
        }
        lines.append(lineStart..<n)

        var commonIndent = Int.max
        var firstNonBlank: Int?
        var lastNonBlank = -1
        for (index, line) in lines.enumerated() {
            var indent = 0
            while line.lowerBound + indent < line.upperBound,
                raw[line.lowerBound + indent] == 0x20 || raw[line.lowerBound + indent] == 0x09
            {
                indent += 1
            }
            if indent == line.count { continue }
            if firstNonBlank == nil { firstNonBlank = index }
            lastNonBlank = index
            if index != 0 && indent < commonIndent { commonIndent = indent }
        }
        guard let first = firstNonBlank else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for index in first...lastNonBlank {
            var line = lines[index]
            if index != 0 && commonIndent != Int.max {
                line = min(line.upperBound, line.lowerBound + commonIndent)..<line.upperBound
            }
            if index != first { out.append(0x0A) }
            out.append(contentsOf: raw[line])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `value` survives printing as a block string and parsing back unchanged.
    static func isPrintable(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var isEmptyLine = true
        var hasIndent = false
        var hasCommonIndent = true
        var seenNonEmptyLine = false
        for c in value.utf8 {
            switch c {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x0D:
                return false
            case 0x0A:
                if isEmptyLine && !seenNonEmptyLine { return false }
                seenNonEmptyLine = true
                isEmptyLine = true
                hasIndent = false
            case 0x09, 0x20:
                hasIndent = hasIndent || isEmptyLine
            default:
                hasCommonIndent = hasCommonIndent && hasIndent
                isEmptyLine = false
            }
        }
        if isEmptyLine { return false }
        if hasCommonIndent && seenNonEmptyLine { return false }
        return true
    }

    /// Writes `value` as a block string, as graphql-js's printBlockString does.
    static func print(_ value: String) -> String {
        let escaped = value.replacingAll("\"\"\"", with: "\\\"\"\"")
        let lines = escaped.split(separator: "\n", omittingEmptySubsequences: false)
        let isSingleLine = lines.count == 1
        let forceLeadingNewLine =
            lines.count > 1
            && lines.dropFirst().allSatisfy { $0.isEmpty || $0.first == " " || $0.first == "\t" }
        let hasTrailingTripleQuotes = escaped.hasSuffix("\\\"\"\"")
        let hasTrailingQuote = value.hasSuffix("\"") && !hasTrailingTripleQuotes
        let hasTrailingSlash = value.hasSuffix("\\")
        let forceTrailingNewline = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines =
            !isSingleLine || value.utf16.count > 70 || forceTrailingNewline
            || forceLeadingNewLine || hasTrailingTripleQuotes
        var result = ""
        let skipLeadingNewLine = isSingleLine && (value.first == " " || value.first == "\t")
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result += "\n" }
        result += escaped
        if printAsMultipleLines || forceTrailingNewline { result += "\n" }
        return "\"\"\"" + result + "\"\"\""
    }
}

extension String {
    /// Replaces every occurrence of `target` (non-overlapping, left to right).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, self.utf8.count >= target.utf8.count else { return self }
        let t = Array(target.utf8)
        let s = Array(self.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        var changed = false
        while i < s.count {
            if i + t.count <= s.count && s[i] == t[0] && Array(s[i..<i + t.count]) == t {
                out.append(contentsOf: replacement.utf8)
                i += t.count
                changed = true
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }
}
