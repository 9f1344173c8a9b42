/// Turns UTF-8 bytes into GraphQL tokens (spec section 2.1), one at a time.
///
/// The lexer reads raw bytes rather than `String` indices: it is the hot path of every
/// request, and GraphQL's grammar is ASCII except inside strings and comments.
struct Lexer: ~Copyable {
    let source: Source
    let buf: UnsafeBufferPointer<UInt8>
    /// The token most recently produced.
    private(set) var token: Token
    /// Where the previous token ended (for node locations).
    private(set) var lastTokenEnd: Int = 0
    /// How many tokens have been produced, checked against `maxTokens`.
    private(set) var tokenCount = 0
    let maxTokens: Int

    init(source: Source, buffer: UnsafeBufferPointer<UInt8>, maxTokens: Int) {
        self.source = source
        self.buf = buffer
        self.maxTokens = maxTokens
        self.token = Token(kind: .startOfFile, start: 0, end: 0, stringValue: nil)
    }

    /// Moves to the next significant token.
    mutating func advance() throws(GraphQLError) {
        lastTokenEnd = token.end
        token = try readToken(from: token.end)
        if token.kind != .endOfFile {
            tokenCount += 1
            if tokenCount > maxTokens {
                throw syntaxError(
                    at: token.start,
                    "Document contains more than \(maxTokens) tokens. Parsing aborted.")
            }
        }
    }

    /// Looks at the token after the current one without consuming it.
    func peek() throws(GraphQLError) -> Token {
        try readToken(from: token.end)
    }

    /// The text of the current token's bytes (for names and numbers).
    func text(of token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[token.start..<token.end]), as: UTF8.self)
    }

    /// Whether the current token's bytes equal an ASCII keyword, without making a String.
    func tokenIs(_ keyword: StaticString) -> Bool {
        guard token.kind == .name else { return false }
        let length = token.end - token.start
        guard length == keyword.utf8CodeUnitCount else { return false }
        let k = keyword.utf8Start
        for i in 0..<length where buf[token.start + i] != k[i] { return false }
        return true
    }

    func syntaxError(at offset: Int, _ message: String) -> GraphQLError {
        GraphQLError("Syntax Error: " + message, locations: [source.location(at: offset)])
    }

    // MARK: - Reading tokens

    private func readToken(from start: Int) throws(GraphQLError) -> Token {
        let n = buf.count
        var i = start
        while i < n {
            let c = buf[i]
            switch c {
            // Ignored: BOM (EF BB BF), white space, line terminators, commas.
            case 0x09, 0x20, 0x2C, 0x0A, 0x0D:
                i += 1
                continue
            case 0xEF where i + 2 < n && buf[i + 1] == 0xBB && buf[i + 2] == 0xBF:
                i += 3
                continue
            case 0x23:  // '#': a comment runs to the end of the line.
                i += 1
                while i < n && buf[i] != 0x0A && buf[i] != 0x0D { i += 1 }
                continue
            case 0x21: return punct(.bang, i)
            case 0x24: return punct(.dollar, i)
            case 0x26: return punct(.ampersand, i)
            case 0x28: return punct(.parenLeft, i)
            case 0x29: return punct(.parenRight, i)
            case 0x2E:
                if i + 2 < n && buf[i + 1] == 0x2E && buf[i + 2] == 0x2E {
                    return Token(kind: .spread, start: i, end: i + 3, stringValue: nil)
                }
                throw unexpectedCharacter(at: i)
            case 0x3A: return punct(.colon, i)
            case 0x3D: return punct(.equals, i)
            case 0x40: return punct(.at, i)
            case 0x5B: return punct(.bracketLeft, i)
            case 0x5D: return punct(.bracketRight, i)
            case 0x7B: return punct(.braceLeft, i)
            case 0x7C: return punct(.pipe, i)
            case 0x7D: return punct(.braceRight, i)
            case 0x22:
                if i + 2 < n && buf[i + 1] == 0x22 && buf[i + 2] == 0x22 {
                    return try readBlockString(from: i)
                }
                return try readString(from: i)
            default:
                if isNameStart(c) { return readName(from: i) }
                if isDigit(c) || c == 0x2D { return try readNumber(from: i) }
                throw unexpectedCharacter(at: i)
            }
        }
        return Token(kind: .endOfFile, start: n, end: n, stringValue: nil)
    }

    @inline(__always)
    private func punct(_ kind: TokenKind, _ i: Int) -> Token {
        Token(kind: kind, start: i, end: i + 1, stringValue: nil)
    }

    private func readName(from start: Int) -> Token {
        var i = start + 1
        while i < buf.count && isNameContinue(buf[i]) { i += 1 }
        return Token(kind: .name, start: start, end: i, stringValue: nil)
    }

    /// IntValue and FloatValue (spec 2.1.8, 2.1.9), with graphql-js's error positions.
    private func readNumber(from start: Int) throws(GraphQLError) -> Token {
        var i = start
        var isFloat = false
        if buf[i] == 0x2D { i += 1 }
        if i < buf.count && buf[i] == 0x30 {
            i += 1
            if i < buf.count && isDigit(buf[i]) {
                throw syntaxError(
                    at: i, "Invalid number, unexpected digit after 0: \(describeCharacter(at: i)).")
            }
        } else {
            i = try readDigits(from: i)
        }
        if i < buf.count && buf[i] == 0x2E {
            isFloat = true
            i = try readDigits(from: i + 1)
        }
        if i < buf.count && (buf[i] == 0x45 || buf[i] == 0x65) {
            isFloat = true
            i += 1
            if i < buf.count && (buf[i] == 0x2B || buf[i] == 0x2D) { i += 1 }
            i = try readDigits(from: i)
        }
        // A number may not be followed directly by a '.' or a name start.
        if i < buf.count && (buf[i] == 0x2E || isNameStart(buf[i])) {
            throw syntaxError(
                at: i, "Invalid number, expected digit but got: \(describeCharacter(at: i)).")
        }
        return Token(kind: isFloat ? .float : .int, start: start, end: i, stringValue: nil)
    }

    private func readDigits(from start: Int) throws(GraphQLError) -> Int {
        guard start < buf.count, isDigit(buf[start]) else {
            throw syntaxError(
                at: start,
                "Invalid number, expected digit but got: \(describeCharacter(at: start)).")
        }
        var i = start + 1
        while i < buf.count && isDigit(buf[i]) { i += 1 }
        return i
    }

    /// StringValue (spec 2.1.10): escapes, including braced `\u{...}` and surrogate pairs.
    private func readString(from start: Int) throws(GraphQLError) -> Token {
        var i = start + 1
        var chunkStart = i
        var value: [UInt8] = []
        let n = buf.count
        while i < n {
            let c = buf[i]
            if c == 0x22 {
                value.append(contentsOf: UnsafeBufferPointer(rebasing: buf[chunkStart..<i]))
                return Token(
                    kind: .string, start: start, end: i + 1,
                    stringValue: String(decoding: value, as: UTF8.self))
            }
            if c == 0x0A || c == 0x0D { break }
            if c == 0x5C {
                value.append(contentsOf: UnsafeBufferPointer(rebasing: buf[chunkStart..<i]))
                guard i + 1 < n else { break }
                let e = buf[i + 1]
                switch e {
                case 0x22: value.append(0x22); i += 2
                case 0x5C: value.append(0x5C); i += 2
                case 0x2F: value.append(0x2F); i += 2
                case 0x62: value.append(0x08); i += 2
                case 0x66: value.append(0x0C); i += 2
                case 0x6E: value.append(0x0A); i += 2
                case 0x72: value.append(0x0D); i += 2
                case 0x74: value.append(0x09); i += 2
                case 0x75:
                    let (scalar, next) = try readUnicodeEscape(at: i)
                    appendUTF8(scalar, to: &value)
                    i = next
                default:
                    let shown = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<min(n, i + 2)]), as: UTF8.self)
                    throw syntaxError(at: i, "Invalid character escape sequence: \"\(shown)\".")
                }
                chunkStart = i
                continue
            }
            if c >= 0x80 {
                i = try skipUTF8Scalar(at: i)
                continue
            }
            i += 1
        }
        throw syntaxError(at: i, "Unterminated string.")
    }

    /// Reads `\uXXXX` (pairing surrogates) or `\u{X...}` starting at the backslash.
    private func readUnicodeEscape(at backslash: Int) throws(GraphQLError) -> (UInt32, Int) {
        let n = buf.count
        var i = backslash + 2
        if i < n && buf[i] == 0x7B {
            i += 1
            var point: UInt32 = 0
            var digits = 0
            while i < n, let d = hexValue(buf[i]) {
                point = point &* 16 &+ d
                digits += 1
                i += 1
                if point > 0x10FFFF { break }
            }
            if i < n && buf[i] == 0x7D && digits > 0 && isScalarValue(point) {
                return (point, i + 1)
            }
            throw invalidUnicodeEscape(from: backslash, to: i < n && buf[i] == 0x7D ? i + 1 : i)
        }
        guard let unit = readHex4(at: i) else {
            throw invalidUnicodeEscape(from: backslash, to: min(n, backslash + 6))
        }
        if unit >= 0xD800 && unit <= 0xDBFF {
            // A leading surrogate must be followed by an escaped trailing one.
            if i + 4 + 1 < n && buf[i + 4] == 0x5C && buf[i + 5] == 0x75,
                let trail = readHex4(at: i + 6), trail >= 0xDC00 && trail <= 0xDFFF
            {
                let scalar = 0x10000 + ((unit - 0xD800) << 10) + (trail - 0xDC00)
                return (scalar, i + 10)
            }
            throw invalidUnicodeEscape(from: backslash, to: i + 4)
        }
        if unit >= 0xDC00 && unit <= 0xDFFF {
            throw invalidUnicodeEscape(from: backslash, to: i + 4)
        }
        return (unit, i + 4)
    }

    private func readHex4(at i: Int) -> UInt32? {
        guard i + 3 < buf.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let d = hexValue(buf[i + k]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    private func invalidUnicodeEscape(from start: Int, to end: Int) -> GraphQLError {
        let shown = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<max(start, end)]), as: UTF8.self)
        return syntaxError(at: start, "Invalid Unicode escape sequence: \"\(shown)\".")
    }

    /// BlockString (spec 2.1.10): raw text up to `"""`, `\"""` escaped, then dedented.
    private func readBlockString(from start: Int) throws(GraphQLError) -> Token {
        var i = start + 3
        let n = buf.count
        var raw: [UInt8] = []
        var chunkStart = i
        while i < n {
            let c = buf[i]
            if c == 0x22 && i + 2 < n && buf[i + 1] == 0x22 && buf[i + 2] == 0x22 {
                raw.append(contentsOf: UnsafeBufferPointer(rebasing: buf[chunkStart..<i]))
                return Token(
                    kind: .blockString, start: start, end: i + 3,
                    stringValue: BlockString.dedent(raw))
            }
            if c == 0x5C && i + 3 < n && buf[i + 1] == 0x22 && buf[i + 2] == 0x22 && buf[i + 3] == 0x22 {
                raw.append(contentsOf: UnsafeBufferPointer(rebasing: buf[chunkStart..<i]))
                raw.append(contentsOf: [0x22, 0x22, 0x22])
                i += 4
                chunkStart = i
                continue
            }
            if c >= 0x80 {
                i = try skipUTF8Scalar(at: i)
                continue
            }
            i += 1
        }
        throw syntaxError(at: n, "Unterminated string.")
    }

    /// Checks one well-formed UTF-8 scalar at `i` and returns the offset after it.
    private func skipUTF8Scalar(at i: Int) throws(GraphQLError) -> Int {
        let n = buf.count
        let b0 = buf[i]
        let length: Int
        var scalar: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; scalar = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; scalar = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; scalar = UInt32(b0 & 0x07)
        default: throw syntaxError(at: i, "Invalid UTF-8 byte 0x\(hex(UInt32(b0), width: 2)).")
        }
        guard i + length <= n else { throw syntaxError(at: i, "Invalid UTF-8 sequence.") }
        for k in 1..<length {
            let b = buf[i + k]
            guard b & 0xC0 == 0x80 else { throw syntaxError(at: i, "Invalid UTF-8 sequence.") }
            scalar = scalar << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard scalar >= minimum, isScalarValue(scalar) else {
            throw syntaxError(at: i, "Invalid UTF-8 sequence.")
        }
        return i + length
    }

    private func unexpectedCharacter(at i: Int) -> GraphQLError {
        if buf[i] == 0x27 {
            return syntaxError(
                at: i,
                "Unexpected single quote character ('), did you mean to use a double quote (\")?")
        }
        if buf[i] < 0x20 && buf[i] != 0x09 {
            return syntaxError(at: i, "Invalid character: \(describeCharacter(at: i)).")
        }
        return syntaxError(at: i, "Unexpected character: \(describeCharacter(at: i)).")
    }

    /// `"c"` for printable ASCII, `U+XXXX` otherwise, `<EOF>` at the end (as graphql-js).
    private func describeCharacter(at i: Int) -> String {
        guard i < buf.count else { return "<EOF>" }
        let b = buf[i]
        if b >= 0x20 && b < 0x7F {
            return b == 0x22 ? "'\"'" : "\"" + String(UnicodeScalar(b)) + "\""
        }
        var scalar = UInt32(b)
        if b >= 0x80, let (s, _) = decodeScalar(at: i) { scalar = s }
        return "U+" + hex(scalar, width: 4)
    }

    private func decodeScalar(at i: Int) -> (UInt32, Int)? {
        var iterator = UnsafeBufferPointer(rebasing: buf[i..<min(buf.count, i + 4)]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return (s.value, 0) }
        return nil
    }
}

@inline(__always) func isNameStart(_ c: UInt8) -> Bool {
    (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
}

@inline(__always) func isNameContinue(_ c: UInt8) -> Bool {
    isNameStart(c) || isDigit(c)
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

@inline(__always) private func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    default: return nil
    }
}

@inline(__always) func isScalarValue(_ v: UInt32) -> Bool {
    v <= 0xD7FF || (v >= 0xE000 && v <= 0x10FFFF)
}

func hex(_ v: UInt32, width: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18)))
        out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}
