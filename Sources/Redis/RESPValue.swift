/// A Redis reply.
public enum RESPValue: Sendable, Hashable {
    case simpleString(String)
    case bulkString([UInt8])
    case integer(Int)
    case array([RESPValue])
    /// An error reply nested in an array (as from EXEC); a top-level error reply throws `RedisError.server` instead.
    case error(String)
    case null

    /// The reply as text, for simple and bulk strings.
    public var string: String? {
        switch self {
        case .simpleString(let text): return text
        case .bulkString(let bytes): return String(decoding: bytes, as: UTF8.self)
        default: return nil
        }
    }

    /// The reply as an integer, for integer replies and bulk strings holding a number.
    public var int: Int? {
        switch self {
        case .integer(let value): return value
        case .bulkString: return string.flatMap { Int($0) }
        default: return nil
        }
    }
}
