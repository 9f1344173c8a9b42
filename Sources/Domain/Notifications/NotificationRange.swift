/// Which part of a user's notifications a page lists. Ids grow with time, so they order the list.
public enum NotificationRange: Sendable, Hashable {
    /// The newest first: the inbox's first page.
    case newest
    /// Older than this id, newest first: the inbox's next page (pass the last id of the previous page).
    case before(Int64)
    /// Newer than this id, oldest first: what a client missed since the last id it saw (after a reconnect).
    case after(Int64)
}
