import Domain
import GraphQLEngine

/// Failures the API layer itself decides: who the caller is, and ids that lead nowhere.
public struct APIError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    /// An error of `code` with a message for the client.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    static let unauthenticated = APIError(.unauthenticated, "Sign in first: send a valid access token as Authorization: Bearer <token>.")
    static let accountDisabled = APIError(.unauthenticated, "This account is disabled.")

    static func workspaceNotFound(argument: String) -> APIError {
        APIError(.notFound, "No workspace with this id is accessible to you.", field: argument)
    }

    static func badID(_ argument: String) -> APIError {
        APIError(.badUserInput, "\(argument) is not a valid id.", field: argument)
    }
}
