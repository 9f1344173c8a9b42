import Domain
import Foundation
import GraphQLEngine
import Logging

/// What became of a request, which decides the HTTP status (GraphQL over HTTP, application/graphql-response+json).
public enum GraphQLOutcome: Sendable {
    /// Execution ran: `data` is present (possibly null). 200.
    case executed(ExecutionResult)
    /// The document never ran (parse, validation, persisted-query, limits, operation or variable errors). 400.
    case rejected([GraphQLError])
    /// The operation is not allowed over this method (a mutation over GET). 405.
    case methodNotAllowed([GraphQLError])
}

/// What `prepare` gives: a request ready to run, or the outcome that ends it before execution.
public enum Preparation: Sendable {
    case ready(PreparedRequest)
    case finished(GraphQLOutcome)
}

/// The transport-independent pipeline: document cache (with automatic persisted queries) → operation checks → cost and
/// depth limits → execution with the caller's context. Every error leaves with `extensions.code`.
public final class GraphQLService: Sendable {
    public let executable: ExecutableSchema
    public let documents: DocumentCache
    public let costAnalyzer: CostAnalyzer
    public let limits: CostLimits
    let logger: Logger

    /// A service for `executable`, refusing operations beyond `limits`.
    public init(executable: ExecutableSchema, limits: CostLimits = CostLimits(maxCost: 5_000, maxDepth: 12), logger: Logger) {
        self.executable = executable
        self.documents = DocumentCache(schema: executable.schema, customScalars: executable.customScalarCoercions)
        self.costAnalyzer = CostAnalyzer(schema: executable.schema, options: CostOptions(defaultListSize: 20))
        self.limits = limits
        self.logger = logger
    }

    /// Runs `request`; `allowMutations` is false for GET (GraphQL over HTTP allows only queries there).
    public func execute(_ request: GraphQLRequest, context: RequestContext, allowMutations: Bool = true) async -> GraphQLOutcome {
        switch prepare(request, allowMutations: allowMutations) {
        case .ready(let prepared): return await run(prepared, context: context)
        case .finished(let outcome): return outcome
        }
    }

    /// Everything before execution: the document from the cache, the operation checks, the cost and depth limits.
    /// The transport charges `PreparedRequest.cost` to the rate limiter between this and `run`.
    public func prepare(_ request: GraphQLRequest, allowMutations: Bool = true) -> Preparation {
        let document: Document
        switch documents.document(query: request.query, persistedHash: request.persistedQueryHash) {
        case .success(let d): document = d
        case .failure(let failure): return .finished(.rejected(failure.errors))
        }
        let operation = Self.operation(in: document, named: request.operationName)
        var cost = QueryCost(requested: 0, depth: 0)
        if let operation {
            if !allowMutations && operation.operation != .query {
                return .finished(.methodNotAllowed([GraphQLError(
                    "Only queries may be sent with GET; send \(operation.operation.rawValue) operations with POST.",
                    extensions: ["code": "METHOD_NOT_ALLOWED"])]))
            }
            cost = costAnalyzer.cost(of: operation, in: document, variables: request.variables)
            let limitErrors = limits.check(cost)
            if !limitErrors.isEmpty { return .finished(.rejected(limitErrors)) }
        }
        return .ready(PreparedRequest(request: request, document: document, operation: operation, cost: cost))
    }

    /// Executes a prepared request with the caller's context.
    public func run(_ prepared: PreparedRequest, context: RequestContext) async -> GraphQLOutcome {
        let request = prepared.request
        let result = await GraphQLEngine.execute(
            schema: executable, document: prepared.document, operationName: request.operationName, variables: request.variables,
            context: context)
        guard result.data != nil else {
            // Operation selection and variable coercion (spec 6.1): the client's input is wrong.
            return .rejected(result.errors.map { Self.coded($0, default: "BAD_USER_INPUT") })
        }
        return .executed(ExecutionResult(data: result.data, errors: result.errors.map { Self.coded($0, default: ErrorCode.internalError.rawValue) }))
    }

    /// The operation a request runs: the named one, or the only one; nil lets execution report the problem.
    static func operation(in document: Document, named name: String?) -> OperationDefinition? {
        var found: OperationDefinition?
        for case .operation(let operation) in document.definitions {
            if let name {
                if operation.name?.value == name { return operation }
            } else {
                if found != nil { return nil }
                found = operation
            }
        }
        return name == nil ? found : nil
    }

    /// `error` with `extensions.code` set to `code` unless it has one.
    public static func coded(_ error: GraphQLError, default code: String) -> GraphQLError {
        guard error.extensions["code"] == nil else { return error }
        var coded = error
        coded.extensions["code"] = code
        return coded
    }
}
