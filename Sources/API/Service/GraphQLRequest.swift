import GraphQLEngine

/// One GraphQL request as the transport received it (GraphQL over HTTP, section "Request Parameters").
public struct GraphQLRequest: Sendable, Equatable {
    public var query: String?
    public var operationName: String?
    public var variables: GraphQLObject
    /// `extensions.persistedQuery.sha256Hash` (automatic persisted queries, Apollo's shape).
    public var persistedQueryHash: String?

    /// A request from its parameters.
    public init(query: String?, operationName: String? = nil, variables: GraphQLObject = [:], persistedQueryHash: String? = nil) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
        self.persistedQueryHash = persistedQueryHash
    }

    /// The request in a JSON body: an object with `query`, `operationName`, `variables` and `extensions`, each of the
    /// right type or absent (null counts as absent).
    public init(body: GraphQLValue) throws(GraphQLRequestError) {
        guard case .object(let object) = body else { throw .badRequest("The request body must be a JSON object.") }
        try self.init(
            query: object["query"], operationName: object["operationName"], variables: object["variables"], extensions: object["extensions"])
    }

    /// The request from individual parameters already parsed as JSON values (GET puts `variables` and `extensions`
    /// in the URL as JSON text).
    public init(query: GraphQLValue?, operationName: GraphQLValue?, variables: GraphQLValue?, extensions: GraphQLValue?) throws(GraphQLRequestError) {
        switch query ?? .null {
        case .null: self.query = nil
        case .string(let text): self.query = text
        default: throw .badRequest("query must be a string.")
        }
        switch operationName ?? .null {
        case .null: self.operationName = nil
        case .string(let text): self.operationName = text
        default: throw .badRequest("operationName must be a string.")
        }
        switch variables ?? .null {
        case .null: self.variables = [:]
        case .object(let object): self.variables = object
        default: throw .badRequest("variables must be an object.")
        }
        self.persistedQueryHash = nil
        switch extensions ?? .null {
        case .null: break
        case .object(let object):
            if let persisted = object["persistedQuery"], !persisted.isNull {
                guard case .object(let pq) = persisted, case .string(let hash)? = pq["sha256Hash"] else {
                    throw .badRequest("extensions.persistedQuery must be an object with a sha256Hash string.")
                }
                if case .int(let version)? = pq["version"], version != 1 {
                    throw .badRequest("extensions.persistedQuery.version \(version) is not supported; use 1.")
                }
                self.persistedQueryHash = hash
            }
        default: throw .badRequest("extensions must be an object.")
        }
    }
}

/// A request the server cannot take as a GraphQL request at all.
public struct GraphQLRequestError: Error, Equatable, Sendable {
    public let message: String

    /// A malformed request: the client must fix its request, not its document.
    public static func badRequest(_ message: String) -> GraphQLRequestError { GraphQLRequestError(message: message) }
}
