import Foundation
import PostgresNIO

extension NotificationService {
    /// A page of the user's notifications (all, or only the unread), `first` (1-100) of `range`. Cursors are the ids
    /// as text; `totalCount` counts every notification of the user that passes `unreadOnly`.
    public func notifications(
        userID: UUID, range: NotificationRange = .newest, first: Int = 20, unreadOnly: Bool = false
    ) async throws -> Page<UserNotification> {
        guard (1...100).contains(first) else { throw NotificationError.badInput("first must be between 1 and 100.", field: "first") }
        let (after, before): (Int64?, Int64?) = switch range {
        case .newest: (nil, nil)
        case .before(let id): (nil, id)
        case .after(let id): (id, nil)
        }
        let ascending = after != nil
        let rows = try await database.client.query(
            """
            SELECT \(unescaped: Self.columns) FROM control.notifications
            WHERE user_id = \(userID) AND (NOT \(unreadOnly) OR read_at IS NULL)
              AND (\(after)::int8 IS NULL OR id > \(after)::int8) AND (\(before)::int8 IS NULL OR id < \(before)::int8)
            ORDER BY \(unescaped: ascending ? "id" : "id DESC")
            LIMIT \(Int64(first + 1))
            """, logger: logger)
        let found = try await Self.notifications(rows)
        let total = try await count(userID: userID, unreadOnly: unreadOnly)
        return Page(
            items: found.prefix(first).map { (cursor: String($0.id), item: $0) }, hasNextPage: found.count > first, totalCount: total)
    }

    /// How many of the user's notifications are unread.
    public func unreadCount(userID: UUID) async throws -> Int {
        try await count(userID: userID, unreadOnly: true)
    }

    private func count(userID: UUID, unreadOnly: Bool) async throws -> Int {
        let rows = try await database.client.query(
            "SELECT count(*)::int8 FROM control.notifications WHERE user_id = \(userID) AND (NOT \(unreadOnly) OR read_at IS NULL)",
            logger: logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var total = 0
        for try await count in rows.decode(Int64.self) { total = Int(count) }
        return total
    }

    /// Marks one of the user's notifications read (again is harmless: the first time stays). Another user's id
    /// answers NOT_FOUND, exactly like an unknown one, and changes nothing.
    public func markRead(id: Int64, userID: UUID) async throws -> UserNotification {
        let rows = try await database.client.query(
            """
            UPDATE control.notifications SET read_at = coalesce(read_at, clock_timestamp())
            WHERE id = \(id) AND user_id = \(userID)
            RETURNING \(unescaped: Self.columns)
            """, logger: logger)
        guard let notification = try await Self.notifications(rows).first else { throw NotificationError.notFound }
        return notification
    }

    /// Marks the user's unread notifications read, up to and including id `upTo` when given (the newest the client
    /// has shown, so one that arrived meanwhile stays unread); returns how many changed.
    @discardableResult
    public func markAllRead(userID: UUID, upTo: Int64? = nil) async throws -> Int {
        let rows = try await database.client.query(
            """
            WITH marked AS (
                UPDATE control.notifications SET read_at = clock_timestamp()
                WHERE user_id = \(userID) AND read_at IS NULL AND (\(upTo)::int8 IS NULL OR id <= \(upTo)::int8)
                RETURNING 1
            )
            SELECT count(*)::int8 FROM marked
            """, logger: logger)
        // Read every row: a pooled query's connection goes back to the pool only once its rows are consumed.
        var total = 0
        for try await count in rows.decode(Int64.self) { total = Int(count) }
        return total
    }
}
