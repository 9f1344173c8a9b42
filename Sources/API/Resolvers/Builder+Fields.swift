import Domain
import GraphQLEngine
import Logging

extension FieldInput {
    /// The request's context; every request the API runs has one.
    var request: RequestContext {
        get throws { try context(as: RequestContext.self) }
    }
}

/// Runs a resolver body, letting typed errors through and turning any other failure (a lost database connection, a
/// PostgreSQL error) into an INTERNAL error without its text, which is logged instead: clients never see SQL.
func shielded(_ input: FieldInput, _ body: () async throws -> Resolved) async throws -> Resolved {
    do {
        return try await body()
    } catch let error as GraphQLError {
        throw error
    } catch let error as any GraphQLErrorConvertible {
        throw error
    } catch {
        let logger = (try? input.request)?.services.logger ?? Logger(label: "budgetai.api")
        logger.error("resolver failed", metadata: [
            "field": "\(input.info.parentType).\(input.info.fieldName)", "error": "\(String(reflecting: error))",
        ])
        throw GraphQLError("Internal server error.", extensions: ["code": ErrorCode.internalError.rawValue])
    }
}

extension ExecutableSchema.Builder {
    /// Binds a synchronous field of a Swift-backed type: a property read, with no task.
    mutating func field<Source: Sendable>(
        _ type: String, _ name: String, of source: Source.Type, _ body: @escaping @Sendable (Source) throws -> Resolved
    ) {
        resolve(type, name) { input in try body(try input.source(as: Source.self)) }
    }

    /// Binds an asynchronous field of a Swift-backed type (SQL, loaders).
    mutating func fieldAsync<Source: Sendable>(
        _ type: String, _ name: String, of source: Source.Type,
        _ body: @escaping @Sendable (Source, FieldInput, RequestContext) async throws -> Resolved
    ) {
        resolveAsync(type, name) { input in
            try await shielded(input) { try await body(try input.source(as: Source.self), input, try input.request) }
        }
    }

    /// Binds a root field (Query or Mutation): arguments and context, no parent.
    mutating func root(_ type: String, _ name: String, _ body: @escaping @Sendable (GraphQLObject, RequestContext) async throws -> Resolved) {
        resolveAsync(type, name) { input in
            try await shielded(input) { try await body(input.arguments, try input.request) }
        }
    }

    /// Binds an asynchronous field that needs only its input (loaders).
    mutating func loaded(_ type: String, _ name: String, _ body: @escaping @Sendable (FieldInput) async throws -> Resolved) {
        resolveAsync(type, name) { input in try await shielded(input) { try await body(input) } }
    }
}
