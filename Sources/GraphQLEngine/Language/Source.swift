import Synchronization

/// A GraphQL source text held as UTF-8 bytes, with a table of line starts for turning
/// byte offsets into the 1-based line and column (in Unicode code points) that errors report.
/// The table is built on the first error: valid documents never need it.
public final class Source: Sendable {
    /// The document text as UTF-8.
    public let bytes: [UInt8]
    /// A name for messages (a file name, or "GraphQL request").
    public let name: String
    /// Byte offsets at which each line begins; `\r\n`, `\r` and `\n` each end a line.
    private let lineStartsCache = Mutex<[Int]?>(nil)

    var lineStarts: [Int] {
        lineStartsCache.withLock { cache in
            if let cache { return cache }
            let starts = Source.computeLineStarts(bytes)
            cache = starts
            return starts
        }
    }

    /// Makes a source from text.
    public init(_ text: String, name: String = "GraphQL request") {
        self.bytes = Array(text.utf8)
        self.name = name
    }

    /// Makes a source from UTF-8 bytes (invalid UTF-8 is reported by the lexer).
    public init(bytes: [UInt8], name: String = "GraphQL request") {
        self.bytes = bytes
        self.name = name
    }

    private static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    /// The line and column of a byte offset; columns count code points, as graphql-core does.
    public func location(at offset: Int) -> SourceLocation {
        let lineStarts = self.lineStarts
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var column = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            // Continuation bytes (10xxxxxx) do not start a code point.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: lo + 1, column: column)
    }
}

/// A 1-based line and column in a source.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    /// A location at a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
