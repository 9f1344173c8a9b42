/// Why a workspace, membership, invitation or advisor-grant operation was refused.
public struct TenancyError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    /// An error of `code`; `message` says what to change.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The same answer for a workspace that does not exist and one the caller may not see (no existence oracle).
    public static let workspaceNotFound = TenancyError(.notFound, "No workspace with this id is accessible to you.", field: "workspaceId")
    public static let memberNotFound = TenancyError(.notFound, "This person is not a member of the workspace.", field: "userId")
    public static let invitationNotFound = TenancyError(.notFound, "This invitation does not exist, has expired or was already used.", field: "token")
    public static let grantNotFound = TenancyError(.notFound, "No advisor grant with this id concerns a workspace you administer.", field: "grantId")

    /// The caller's access is too weak for the operation.
    public static func forbidden(_ message: String) -> TenancyError { TenancyError(.forbidden, message) }
    /// The input is wrong; `field` names the argument.
    public static func badInput(_ message: String, field: String) -> TenancyError { TenancyError(.badUserInput, message, field: field) }
}
