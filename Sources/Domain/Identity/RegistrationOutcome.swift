import Foundation

/// What `register` answers. The message is the same whether or not the e-mail was already taken.
public struct RegistrationOutcome: Sendable, Equatable {
    /// What to tell the person who registered.
    public let message: String
    /// The new user, only when one was created (for internal callers and tests; never show it to the client).
    public let userID: UUID?
    /// The new user's personal workspace, only when a user was created.
    public let workspaceID: UUID?

    /// An outcome; `userID` and `workspaceID` are nil when no user was created.
    public init(message: String, userID: UUID? = nil, workspaceID: UUID? = nil) {
        self.message = message
        self.userID = userID
        self.workspaceID = workspaceID
    }

    /// The one message every registration gets.
    public static let message = "Check your inbox: we sent a link to confirm your e-mail address."
}
