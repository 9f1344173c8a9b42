/// How prominently a client shows a notification.
public enum NotificationPriority: String, Sendable, Hashable, CaseIterable, Codable {
    case low = "LOW"
    case normal = "NORMAL"
    case high = "HIGH"
}
