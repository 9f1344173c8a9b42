/// Why a ledger operation (accounts, categories, transactions, budgets, imports) was refused.
public struct LedgerError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    /// An error of `code`; `message` says what to change, `field` names the input at fault.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The input is wrong; `field` names the argument or input field.
    public static func badInput(_ message: String, field: String) -> LedgerError { LedgerError(.badUserInput, message, field: field) }

    /// No such row in this workspace (or not one the caller may see): the same answer either way.
    public static func notFound(_ what: String, field: String) -> LedgerError {
        LedgerError(.notFound, "No \(what) with this id exists in this workspace.", field: field)
    }

    /// The caller's role in the workspace does not allow writing.
    public static let readOnly = LedgerError(.forbidden, "Your access to this workspace is read-only: changing it needs the MEMBER role.")
}
