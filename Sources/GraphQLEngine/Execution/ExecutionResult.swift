/// The outcome of executing a request (spec 7.1): `data` when execution started, and the
/// errors, each with its path and locations.
public struct ExecutionResult: Sendable {
    /// The response data; `.null` when an error reached the root; nil for request errors.
    public var data: GraphQLValue?
    public var errors: [GraphQLError]
    /// The response's `extensions` entry (spec 7.1.2), for what the server adds, such as the query cost; left out
    /// of the response when empty.
    public var extensions: GraphQLObject

    /// Makes a result from data (nil for a request error), errors and extensions.
    public init(data: GraphQLValue?, errors: [GraphQLError], extensions: GraphQLObject = [:]) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    /// The response as a GraphQL response map: `errors` (when any) before `data`.
    public var response: GraphQLValue {
        var object = GraphQLObject()
        if !errors.isEmpty { object.append("errors", .list(errors.map(\.responseValue))) }
        if let data { object.append("data", data) }
        if !extensions.isEmpty { object.append("extensions", .object(extensions)) }
        return .object(object)
    }
}

extension GraphQLError {
    /// The error as a response entry: message, locations, path and extensions.
    public var responseValue: GraphQLValue {
        var object = GraphQLObject()
        object.append("message", .string(message))
        if !locations.isEmpty {
            object.append("locations", .list(locations.map { .object(["line": .int($0.line), "column": .int($0.column)]) }))
        }
        if let path {
            object.append("path", .list(path.map { element in
                switch element {
                case .key(let k): return .string(k)
                case .index(let i): return .int(i)
                }
            }))
        }
        if !extensions.isEmpty {
            var ext = GraphQLObject()
            for key in extensions.keys.sorted() { ext.append(key, .string(extensions[key]!)) }
            object.append("extensions", .object(ext))
        }
        return .object(object)
    }
}
