/// A user's channels for one notification type.
public struct NotificationPreference: Sendable, Hashable {
    public let type: NotificationType
    public let channels: NotificationChannels
    /// True when the user never chose for this type and its default applies.
    public let isDefault: Bool

    /// A preference as stored, or a type's default.
    public init(type: NotificationType, channels: NotificationChannels, isDefault: Bool) {
        self.type = type
        self.channels = channels
        self.isDefault = isDefault
    }
}
