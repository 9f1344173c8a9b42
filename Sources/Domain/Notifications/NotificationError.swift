/// Why a notification operation was refused.
public struct NotificationError: DomainError, Equatable {
    public let code: ErrorCode
    public let message: String
    public let field: String?

    /// An error of `code`; `message` says what to change.
    public init(_ code: ErrorCode, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The same answer for an id that does not exist and one that belongs to someone else.
    public static let notFound = NotificationError(.notFound, "You have no notification with this id.", field: "id")
    /// Announcements are for platform administrators.
    public static let forbidden = NotificationError(.forbidden, "Only platform administrators send announcements.")

    /// The input is wrong; `field` names the argument.
    public static func badInput(_ message: String, field: String) -> NotificationError { NotificationError(.badUserInput, message, field: field) }

    /// A cursor that is not a notification id.
    static func badCursor(field: String) -> NotificationError {
        NotificationError(.badUserInput, "\(field) must be the id of a notification (as `cursor` or `id` gave it).", field: field)
    }
}
