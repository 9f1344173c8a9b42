import Foundation
import GraphQLEngine

/// `DateTime`: RFC 3339 in UTC with milliseconds on the way out; any RFC 3339 instant (with or without fractions,
/// any offset) on the way in, normalised to UTC.
public enum DateTimeScalar {
    /// The response form of an instant.
    public static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// The instant an RFC 3339 string names, or nil.
    public static func date(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// The engine binding: inputs are checked and normalised; outputs are strings already.
    public static let coercion = ScalarCoercion(
        serialize: { value in value },
        parseValue: { value throws(GraphQLError) -> GraphQLValue in try normalised(value) },
        parseLiteral: { literal throws(GraphQLError) -> GraphQLValue in
            guard case .string(let literalString) = literal else {
                throw GraphQLError("DateTime must be an RFC 3339 string such as \"2026-11-22T09:30:00Z\".", extensions: ["code": "BAD_USER_INPUT"])
            }
            return try normalised(.string(literalString.value))
        })

    static func normalised(_ value: GraphQLValue) throws(GraphQLError) -> GraphQLValue {
        guard case .string(let text) = value, let date = date(text) else {
            throw GraphQLError("DateTime must be an RFC 3339 string such as \"2026-11-22T09:30:00Z\".", extensions: ["code": "BAD_USER_INPUT"])
        }
        return .string(string(date))
    }
}

extension GraphQLObject {
    /// An instant argument already checked by `DateTimeScalar`.
    func date(_ key: String) -> Date? {
        string(key).flatMap(DateTimeScalar.date)
    }
}
