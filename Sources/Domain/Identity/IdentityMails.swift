/// The texts of the identity mails.
enum IdentityMails {
    /// The link that confirms a new account's address.
    static func verifyEmail(to email: String, displayName: String, link: String, lifetimeHours: Int) -> Mail {
        Mail(
            to: email, subject: "Confirm your e-mail address for Budget AI",
            textBody: """
                Hello \(displayName),

                Please confirm your e-mail address by opening this link:

                \(link)

                The link works for \(lifetimeHours) hours. If you did not create a Budget AI account, ignore this mail.
                """,
            template: "verify_email")
    }

    /// Sent when someone registers with an address that already has an account.
    static func accountExists(to email: String, resetLink: String) -> Mail {
        Mail(
            to: email, subject: "You already have a Budget AI account",
            textBody: """
                Hello,

                Someone (maybe you) tried to create a Budget AI account with this e-mail address, which already has one.
                Nothing was changed. If you forgot your password, you can choose a new one here:

                \(resetLink)

                If this was not you, ignore this mail.
                """,
            template: "account_exists")
    }

    /// The single-use link that lets the user choose a new password.
    static func passwordReset(to email: String, displayName: String, link: String, lifetimeMinutes: Int) -> Mail {
        Mail(
            to: email, subject: "Reset your Budget AI password",
            textBody: """
                Hello \(displayName),

                Open this link to choose a new password:

                \(link)

                The link works once, for \(lifetimeMinutes) minutes. If you did not ask for it, ignore this mail: your
                password stays as it is.
                """,
            template: "password_reset")
    }

    /// Tells the user that the password changed, so an unexpected change is noticed.
    static func passwordChanged(to email: String, displayName: String, resetLink: String) -> Mail {
        Mail(
            to: email, subject: "Your Budget AI password was changed",
            textBody: """
                Hello \(displayName),

                The password of your Budget AI account was just changed. If this was not you, reset it now:

                \(resetLink)
                """,
            template: "password_changed")
    }
}
