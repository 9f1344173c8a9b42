import Domain
import Foundation
import GraphQLEngine

/// `Date`, `Decimal` and `Currency`: strings checked on the way in, so resolvers read them already valid.
public enum LedgerScalars {
    /// `Date`: exactly `YYYY-MM-DD`, a day that exists.
    public static let date = checkedString(
        name: "Date", example: "a calendar day as YYYY-MM-DD, such as \"2026-11-22\"") { CalendarDate(iso: $0) != nil ? $0 : nil }

    /// `Decimal`: a plain decimal with digits on both sides of an optional point; normalised ("+1.50" → "1.50").
    public static let decimal = checkedString(name: "Decimal", example: "an exact decimal string such as \"-12.50\"") { text in
        guard MinorUnits.parse(text, exponent: 18) != nil || isLongDecimal(text) else { return nil }
        return text.hasPrefix("+") ? String(text.dropFirst()) : text
    }

    /// `Currency`: an ISO 4217 code; normalised to upper case.
    public static let currency = checkedString(name: "Currency", example: "an ISO 4217 code such as \"EUR\"") { Currency(code: $0)?.code }

    /// Decimals too long for 18 fractional digits in an Int64 are still decimals; the domain decides what fits.
    static func isLongDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func checkedString(name: String, example: String, normalise: @escaping @Sendable (String) -> String?) -> ScalarCoercion {
        @Sendable func check(_ value: GraphQLValue) throws(GraphQLError) -> GraphQLValue {
            guard case .string(let text) = value, let normalised = normalise(text) else {
                throw GraphQLError("\(name) must be \(example).", extensions: ["code": "BAD_USER_INPUT"])
            }
            return .string(normalised)
        }
        return ScalarCoercion(
            serialize: { value in value },
            parseValue: { value throws(GraphQLError) -> GraphQLValue in try check(value) },
            parseLiteral: { literal throws(GraphQLError) -> GraphQLValue in
                guard case .string(let text) = literal else {
                    throw GraphQLError("\(name) must be \(example).", extensions: ["code": "BAD_USER_INPUT"])
                }
                return try check(.string(text.value))
            })
    }
}

extension GraphQLObject {
    /// A `Date` argument already checked by its scalar.
    func day(_ key: String) -> CalendarDate? { string(key).flatMap(CalendarDate.init(iso:)) }

    /// A list of ids, or BAD_USER_INPUT naming the argument.
    func ids(_ key: String) throws -> [UUID]? {
        guard let values = list(key) else { return nil }
        return try values.map { value in
            guard case .string(let text) = value, let id = UUID(uuidString: text) else { throw APIError.badID(key) }
            return id
        }
    }

    /// A list of enum values by raw value (already checked by coercion).
    func enums<Value: RawRepresentable>(_ key: String, as type: Value.Type) -> [Value]? where Value.RawValue == String {
        list(key)?.compactMap { value in if case .string(let text) = value { Value(rawValue: text) } else { nil } }
    }

    /// A list of strings.
    func strings(_ key: String) -> [String]? {
        list(key)?.compactMap { value in if case .string(let text) = value { text } else { nil } }
    }

    /// A list of ints.
    func ints(_ key: String) -> [Int]? {
        list(key)?.compactMap { value in if case .int(let number) = value { number } else { nil } }
    }
}
