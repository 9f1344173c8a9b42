/// A JSON-like value: variables and other inputs as received, the data a resolver may hand
/// back for default resolution, and the response itself. Objects keep their key order,
/// because a response's keys follow the order of the selection (spec 7.1).
public enum GraphQLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([GraphQLValue])
    case object(GraphQLObject)

    /// The value of `key` when this is an object.
    public subscript(key: String) -> GraphQLValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// An ordered map of string keys to values. Lookups scan linearly: GraphQL objects are small,
/// and comparing short Swift strings costs less than hashing them.
public struct GraphQLObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String]
    public private(set) var values: [GraphQLValue]

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    public init(dictionaryLiteral elements: (String, GraphQLValue)...) {
        keys = elements.map(\.0)
        values = elements.map(\.1)
    }

    /// Makes an object from pairs in order; a repeated key keeps its last value.
    public init(_ pairs: [(String, GraphQLValue)]) {
        keys = []
        values = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    /// Makes an object from parallel arrays of distinct keys and their values.
    init(uniqueKeys: [String], values: [GraphQLValue]) {
        self.keys = uniqueKeys
        self.values = values
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of `key`, or nil when absent.
    public subscript(key: String) -> GraphQLValue? {
        get {
            // Comparing lengths first keeps unequal keys off String's slower comparison.
            let length = key.utf8.count
            for i in keys.indices where keys[i].utf8.count == length && keys[i] == key { return values[i] }
            return nil
        }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue { values[i] = newValue } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The value of `key`, looking first at position `hint`: objects of one shape keep their
    /// keys in one order, so this is usually a single comparison.
    @inline(__always)
    func value(forKey key: String, hint: Int) -> GraphQLValue? {
        if hint < keys.count && keys[hint] == key { return values[hint] }
        return self[key]
    }

    /// Appends a key known not to be present yet.
    mutating func append(_ key: String, _ value: GraphQLValue) {
        keys.append(key)
        values.append(value)
    }

    /// Key/value pairs in order.
    public var pairs: Zip2Sequence<[String], [GraphQLValue]> { zip(keys, values) }

    /// Objects are equal when they hold the same keys with equal values, in any order.
    public static func == (lhs: GraphQLObject, rhs: GraphQLObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (k, v) in lhs.pairs where rhs[k] != v { return false }
        return true
    }
}

// Not ExpressibleByNilLiteral: `nil` must stay an absent value, never silently `.null`.
extension GraphQLValue: ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: GraphQLValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, GraphQLValue)...) {
        self = .object(GraphQLObject(elements))
    }
}
