/// JSON reading and writing for GraphQL values, over UTF-8 bytes. Integers stay integers
/// (`2` is `.int`, `2.0` and `2e0` are `.float`) and object keys keep their order.
public enum JSON {
    /// Why a JSON text could not be read, with the byte offset of the problem.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public let offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Reads one JSON value; nesting deeper than `maxDepth` is refused.
    public static func parse(_ text: String, maxDepth: Int = 512) throws(SyntaxError) -> GraphQLValue {
        try parse(bytes: Array(text.utf8), maxDepth: maxDepth)
    }

    /// Reads one JSON value from UTF-8 bytes.
    public static func parse(bytes: [UInt8], maxDepth: Int = 512) throws(SyntaxError) -> GraphQLValue {
        let result: Result<GraphQLValue, SyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buf: buffer, maxDepth: maxDepth)
            do throws(SyntaxError) {
                let value = try reader.readValue()
                reader.skipWhitespace()
                guard reader.position == buffer.count else {
                    throw SyntaxError(message: "Unexpected text after the JSON value", offset: reader.position)
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Writes a value as compact JSON.
    public static func serialize(_ value: GraphQLValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a value as compact JSON to a byte buffer.
    public static func write(_ value: GraphQLValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .float(let d): writeDouble(d, to: &out)
        case .string(let s): writeString(s, to: &out)
        case .list(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                write(item, to: &out)
            }
            out.append(0x5D)
        case .object(let object):
            out.append(0x7B)
            var first = true
            for (k, v) in object.pairs {
                if !first { out.append(0x2C) }
                first = false
                writeString(k, to: &out)
                out.append(0x3A)
                write(v, to: &out)
            }
            out.append(0x7D)
        }
    }

    static func writeDouble(_ d: Double, to out: inout [UInt8]) {
        guard d.isFinite else {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        if d == d.rounded(), abs(d) < 1e16 {
            // Integral doubles print as "2.0", as Python's json module does.
            out.append(contentsOf: String(Int(d)).utf8)
            out.append(contentsOf: [0x2E, 0x30])
        } else {
            out.append(contentsOf: d.description.utf8)
        }
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                let hexDigits = Array("0123456789abcdef".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}

/// A recursive-descent JSON reader over a byte buffer (RFC 8259).
struct JSONReader {
    let buf: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0

    init(buf: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buf = buf
        self.maxDepth = maxDepth
    }

    private func error(_ message: String) -> JSON.SyntaxError {
        JSON.SyntaxError(message: message, offset: position)
    }

    mutating func skipWhitespace() {
        while position < buf.count {
            switch buf[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func readValue() throws(JSON.SyntaxError) -> GraphQLValue {
        skipWhitespace()
        guard position < buf.count else { throw error("Unexpected end of JSON") }
        switch buf[position] {
        case 0x7B: return try readObject()
        case 0x5B: return try readArray()
        case 0x22: return .string(try readString())
        case 0x74: try expectLiteral("true"); return .bool(true)
        case 0x66: try expectLiteral("false"); return .bool(false)
        case 0x6E: try expectLiteral("null"); return .null
        case 0x2D, 0x30...0x39: return try readNumber()
        default: throw error("Unexpected character in JSON")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSON.SyntaxError) {
        let n = literal.utf8CodeUnitCount
        guard position + n <= buf.count else { throw error("Unexpected end of JSON") }
        for i in 0..<n where buf[position + i] != literal.utf8Start[i] {
            throw error("Invalid JSON literal")
        }
        position += n
    }

    private mutating func enter() throws(JSON.SyntaxError) {
        depth += 1
        if depth > maxDepth { throw error("JSON nesting exceeds \(maxDepth) levels") }
    }

    private mutating func readObject() throws(JSON.SyntaxError) -> GraphQLValue {
        try enter()
        position += 1
        var object = GraphQLObject()
        skipWhitespace()
        if position < buf.count && buf[position] == 0x7D {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < buf.count, buf[position] == 0x22 else { throw error("Expected a string key") }
            let key = try readString()
            skipWhitespace()
            guard position < buf.count, buf[position] == 0x3A else { throw error("Expected ':'") }
            position += 1
            let value = try readValue()
            object[key] = value
            skipWhitespace()
            guard position < buf.count else { throw error("Unexpected end of JSON") }
            if buf[position] == 0x2C { position += 1; continue }
            if buf[position] == 0x7D { position += 1; break }
            throw error("Expected ',' or '}'")
        }
        depth -= 1
        return .object(object)
    }

    private mutating func readArray() throws(JSON.SyntaxError) -> GraphQLValue {
        try enter()
        position += 1
        var items: [GraphQLValue] = []
        skipWhitespace()
        if position < buf.count && buf[position] == 0x5D {
            position += 1
            depth -= 1
            return .list(items)
        }
        while true {
            items.append(try readValue())
            skipWhitespace()
            guard position < buf.count else { throw error("Unexpected end of JSON") }
            if buf[position] == 0x2C { position += 1; continue }
            if buf[position] == 0x5D { position += 1; break }
            throw error("Expected ',' or ']'")
        }
        depth -= 1
        return .list(items)
    }

    private mutating func readString() throws(JSON.SyntaxError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < buf.count {
            let c = buf[position]
            if c == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<position]), as: UTF8.self)
                position += 1
                return s
            }
            if c == 0x5C || c < 0x20 { break }
            position += 1
        }
        var bytes = Array(buf[start..<position])
        while position < buf.count {
            let c = buf[position]
            if c == 0x22 {
                position += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c < 0x20 { throw error("Control character in JSON string") }
            if c != 0x5C {
                bytes.append(c)
                position += 1
                continue
            }
            guard position + 1 < buf.count else { break }
            let e = buf[position + 1]
            position += 2
            switch e {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x2F: bytes.append(0x2F)
            case 0x62: bytes.append(0x08)
            case 0x66: bytes.append(0x0C)
            case 0x6E: bytes.append(0x0A)
            case 0x72: bytes.append(0x0D)
            case 0x74: bytes.append(0x09)
            case 0x75:
                var scalar = try readHex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    if position + 1 < buf.count && buf[position] == 0x5C && buf[position + 1] == 0x75 {
                        position += 2
                        let low = try readHex4()
                        if low >= 0xDC00 && low <= 0xDFFF {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    scalar = 0xFFFD
                }
                bytes.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default:
                throw error("Invalid escape in JSON string")
            }
        }
        throw error("Unterminated JSON string")
    }

    private mutating func readHex4() throws(JSON.SyntaxError) -> UInt32 {
        guard position + 4 <= buf.count else { throw error("Invalid \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = buf[position]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("Invalid \\u escape")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    private mutating func readNumber() throws(JSON.SyntaxError) -> GraphQLValue {
        let start = position
        var isFloat = false
        if buf[position] == 0x2D { position += 1 }
        guard position < buf.count, buf[position] >= 0x30 && buf[position] <= 0x39 else {
            throw error("Invalid JSON number")
        }
        if buf[position] == 0x30 {
            position += 1
        } else {
            while position < buf.count && buf[position] >= 0x30 && buf[position] <= 0x39 { position += 1 }
        }
        if position < buf.count && buf[position] == 0x2E {
            isFloat = true
            position += 1
            let digitsStart = position
            while position < buf.count && buf[position] >= 0x30 && buf[position] <= 0x39 { position += 1 }
            if position == digitsStart { throw error("Invalid JSON number") }
        }
        if position < buf.count && (buf[position] == 0x65 || buf[position] == 0x45) {
            isFloat = true
            position += 1
            if position < buf.count && (buf[position] == 0x2B || buf[position] == 0x2D) { position += 1 }
            let digitsStart = position
            while position < buf.count && buf[position] >= 0x30 && buf[position] <= 0x39 { position += 1 }
            if position == digitsStart { throw error("Invalid JSON number") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<position]), as: UTF8.self)
        if !isFloat, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw error("Invalid JSON number") }
        return .float(d)
    }
}
