import Foundation

/// One line of a conformance corpus (see README, "GraphQL conformance").
public struct ConformanceCase: Sendable {
    public let id: String
    public let schema: String
    public let query: String
    public let operationName: String?

    /// Reads a case from one JSON line; nil when the line is not a JSON object with the
    /// required string fields.
    public init?(jsonLine: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: jsonLine) as? [String: Any],
            let id = object["id"] as? String,
            let schema = object["schema"] as? String,
            let query = object["query"] as? String
        else { return nil }
        self.id = id
        self.schema = schema
        self.query = query
        self.operationName = object["operationName"] as? String
    }
}

/// What the engine made of a case: the stage that produced the outcome and its errors.
public struct ConformanceResult: Sendable, Equatable {
    public enum Stage: String, Sendable {
        case parse, validate, execute
    }

    public let id: String
    public let stage: Stage
    public let errors: [GraphQLErrorSummary]

    /// The result as one JSON line in the runner contract's format.
    public var jsonLine: String {
        var out = "{\"id\":" + jsonString(id) + ",\"stage\":\"" + stage.rawValue + "\",\"errors\":["
        out += errors.map { error in
            "{\"message\":" + jsonString(error.message) + ",\"locations\":["
                + error.locations.map { "[\($0.line),\($0.column)]" }.joined(separator: ",")
                + "],\"path\":null}"
        }.joined(separator: ",")
        out += "],\"hasData\":false}"
        return out
    }
}

/// An error reduced to what the runner contract compares.
public struct GraphQLErrorSummary: Sendable, Equatable {
    public let message: String
    public let locations: [SourceLocationPair]
}

/// A line and column pair, as the contract writes `[line, column]`.
public struct SourceLocationPair: Sendable, Hashable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A JSON string literal with the escapes JSON requires.
func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
