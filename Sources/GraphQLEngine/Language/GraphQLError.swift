/// One element of a response path: a field's response name or a list index.
public enum PathElement: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return String(i)
        }
    }
}

/// An error as GraphQL reports it: a message, the source locations it concerns, and for
/// execution errors the response path; `extensions` carries machine-readable details such as
/// `code`.
public struct GraphQLError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var locations: [SourceLocation]
    public var path: [PathElement]?
    public var extensions: [String: String]

    /// Makes an error with already-resolved locations.
    public init(
        _ message: String, locations: [SourceLocation] = [], path: [PathElement]? = nil,
        extensions: [String: String] = [:]
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// Makes an error whose locations are the starts of the given AST locations in `source`.
    public init(_ message: String, nodes: [Location], source: Source?) {
        self.message = message
        if let source {
            self.locations = nodes.map { source.location(at: $0.start) }
        } else {
            self.locations = []
        }
        self.path = nil
        self.extensions = [:]
    }

    public var description: String {
        guard !locations.isEmpty else { return message }
        return message + " (" + locations.map(\.description).joined(separator: ", ") + ")"
    }
}

/// An application error that knows how it reads in a GraphQL response (its message and
/// `extensions`); the executor uses `graphQLError` for errors thrown by resolvers.
public protocol GraphQLErrorConvertible: Error {
    /// The error as the response reports it; the executor adds locations and path.
    var graphQLError: GraphQLError { get }
}
