import Foundation
import Logging
import PostgresNIO

extension User {
    /// The columns `init(row:)` reads, in order.
    static let columns = "id, email, display_name, platform_role, is_business, email_verified_at, disabled_at, created_at"

    /// `columns` qualified with a table alias, for joins.
    static func columns(of alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    typealias Row = (UUID, String, String, String, Bool, Date?, Date?, Date)

    init(row: Row) {
        self.init(
            id: row.0, email: row.1, displayName: row.2, platformRole: PlatformRole(rawValue: row.3) ?? .user,
            isBusiness: row.4, emailVerifiedAt: row.5, disabledAt: row.6, createdAt: row.7)
    }

    /// Decodes every row of a query that selected `User.columns`.
    static func decodeAll(_ rows: PostgresRowSequence) async throws -> [User] {
        var users: [User] = []
        for try await row in rows.decode(Row.self) { users.append(User(row: row)) }
        return users
    }
}
