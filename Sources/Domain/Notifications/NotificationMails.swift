/// The e-mail that carries a notification to someone whose preference for its type has e-mail on.
enum NotificationMails {
    /// The mail for one notification.
    static func mail(to email: String, displayName: String, draft: NotificationDraft, publicBaseURL: String) -> Mail {
        Mail(
            to: email, subject: draft.title,
            textBody: """
                Hello \(displayName),

                \(draft.body.isEmpty ? draft.title : draft.body)

                See it in Budget AI: \(publicBaseURL)/notifications

                You get this mail because e-mail is on for \(draft.type.label) notifications. To stop these mails, turn
                e-mail off for them in your notification settings: \(publicBaseURL)/settings/notifications
                """,
            template: draft.type.mailTemplate)
    }
}
