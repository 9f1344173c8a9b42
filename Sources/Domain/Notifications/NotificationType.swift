/// What a notification is about. Each type has its own channel preferences and defaults.
public enum NotificationType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A budget's spending crossed one of its thresholds (80 %, 100 %, ...).
    case budgetThreshold = "BUDGET_THRESHOLD"
    /// Spending that stands out from the usual pattern. No producer yet: the anomaly detector comes with the insights work.
    case unusualSpending = "UNUSUAL_SPENDING"
    /// A recurring expense falls due within a few days.
    case billReminder = "BILL_REMINDER"
    /// A statement import the user committed has been written.
    case importFinished = "IMPORT_FINISHED"
    /// The user (already registered) was invited into a workspace.
    case memberInvited = "MEMBER_INVITED"
    /// An advisor workspace was given access to a workspace the user owns.
    case advisorAccessGranted = "ADVISOR_ACCESS_GRANTED"
    /// An advisor opened a workspace the user owns (at most once per grant and day).
    case advisorAccessUsed = "ADVISOR_ACCESS_USED"
    /// A message from the platform's administrators to every user.
    case systemAnnouncement = "SYSTEM_ANNOUNCEMENT"

    /// The channels used when the user never chose: in the app always; by e-mail for what needs acting on soon or
    /// concerns who sees the books (budgets, bills, a new advisor), not for what the user just did or already got
    /// mailed (an invitation has its own mail).
    public var defaultChannels: NotificationChannels {
        switch self {
        case .budgetThreshold, .billReminder, .advisorAccessGranted: NotificationChannels(inApp: true, email: true)
        case .unusualSpending, .importFinished, .memberInvited, .advisorAccessUsed, .systemAnnouncement:
            NotificationChannels(inApp: true, email: false)
        }
    }

    /// The type in words, for mail footers.
    var label: String {
        switch self {
        case .budgetThreshold: "budget threshold"
        case .unusualSpending: "unusual spending"
        case .billReminder: "bill reminder"
        case .importFinished: "import finished"
        case .memberInvited: "workspace invitation"
        case .advisorAccessGranted: "advisor access granted"
        case .advisorAccessUsed: "advisor access used"
        case .systemAnnouncement: "system announcement"
        }
    }

    /// The outbox template of this type's mails (`notification_budget_threshold`, ...).
    var mailTemplate: String { "notification_" + rawValue.lowercased() }
}

/// Where a notification goes: a row in the user's in-app list, an e-mail, both or neither.
public struct NotificationChannels: Sendable, Hashable, Codable {
    public var inApp: Bool
    public var email: Bool

    /// Channels as given.
    public init(inApp: Bool, email: Bool) {
        self.inApp = inApp
        self.email = email
    }
}
