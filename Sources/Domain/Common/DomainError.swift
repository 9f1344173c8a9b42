/// The category of a failure, as the API reports it in `extensions.code`.
public enum ErrorCode: String, Sendable, CaseIterable {
    case badUserInput = "BAD_USER_INPUT"
    case unauthenticated = "UNAUTHENTICATED"
    case forbidden = "FORBIDDEN"
    case notFound = "NOT_FOUND"
    case conflict = "CONFLICT"
    case rateLimited = "RATE_LIMITED"
    case internalError = "INTERNAL"
}

/// A failure a caller can act on: what kind it is, what to do about it, and which input field is at fault.
public protocol DomainError: Error, Sendable, CustomStringConvertible {
    /// The API's error code.
    var code: ErrorCode { get }
    /// A sentence that tells the user what was wrong with the input, never an internal detail.
    var message: String { get }
    /// The input field at fault (the argument or input-object field name), when there is one.
    var field: String? { get }
}

extension DomainError {
    public var field: String? { nil }
    public var description: String { message }
}
