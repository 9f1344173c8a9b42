/// One plain-text mail for the outbox.
public struct Mail: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var textBody: String
    /// What kind of mail (`verify_email`, `account_exists`, `password_reset`, ...), lower-case with underscores.
    public var template: String

    /// A mail ready to be queued.
    public init(to: String, subject: String, textBody: String, template: String) {
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.template = template
    }
}
