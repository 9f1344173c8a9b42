import GraphQLEngine

/// One line of a conformance corpus (see README, "GraphQL conformance").
public struct ConformanceCase: Sendable {
    public let id: String
    public let schema: String
    public let query: String
    public let variables: GraphQLObject?
    public let operationName: String?
    public let rootValue: GraphQLValue

    /// Reads a case from one JSON line; nil when the line is not a JSON object with the
    /// required string fields.
    public init?(jsonLine: [UInt8]) {
        guard case .object(let object)? = try? JSON.parse(bytes: jsonLine),
            case .string(let id)? = object["id"],
            case .string(let schema)? = object["schema"],
            case .string(let query)? = object["query"]
        else { return nil }
        self.id = id
        self.schema = schema
        self.query = query
        if case .object(let variables)? = object["variables"] { self.variables = variables } else { self.variables = nil }
        if case .string(let name)? = object["operationName"] { self.operationName = name } else { self.operationName = nil }
        self.rootValue = object["rootValue"] ?? .null
    }
}

/// What the engine made of a case: the stage that produced the outcome, its errors, and
/// for executed cases the data.
public struct ConformanceResult: Sendable, Equatable {
    public enum Stage: String, Sendable {
        case parse, validate, execute
    }

    public let id: String
    public let stage: Stage
    public let errors: [GraphQLErrorSummary]
    /// The response data when execution produced some (`hasData` in the contract).
    public let data: GraphQLValue?

    public init(id: String, stage: Stage, errors: [GraphQLErrorSummary], data: GraphQLValue? = nil) {
        self.id = id
        self.stage = stage
        self.errors = errors
        self.data = data
    }

    /// The result as one JSON line in the runner contract's format.
    public var jsonLine: String {
        var object = GraphQLObject()
        object["id"] = .string(id)
        object["stage"] = .string(stage.rawValue)
        object["errors"] = .list(errors.map { error in
            var e = GraphQLObject()
            e["message"] = .string(error.message)
            e["locations"] = .list(error.locations.map { .list([.int($0.line), .int($0.column)]) })
            e["path"] = error.path.map { .list($0) } ?? .null
            return .object(e)
        })
        if let data { object["data"] = data }
        object["hasData"] = .bool(data != nil)
        return JSON.serialize(.object(object))
    }
}

/// An error reduced to what the runner contract compares.
public struct GraphQLErrorSummary: Sendable, Equatable {
    public let message: String
    public let locations: [SourceLocationPair]
    /// The response path, as JSON strings and integers; nil outside execution.
    public let path: [GraphQLValue]?
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
