import Foundation

/// The JSON a notification travels in on the event bus (`EventTopic.notifications(userID:)`), carrying everything a
/// subscription needs to render it, so fanning it out reads nothing from the database:
///
/// ```json
/// {"id": "42", "userId": "<uuid>", "workspaceId": "<uuid>" | null, "type": "BUDGET_THRESHOLD",
///  "priority": "HIGH", "title": "...", "body": "...", "data": {"budgetId": "<uuid>", ...},
///  "createdAt": "2026-11-22T09:30:00.123Z", "readAt": null}
/// ```
///
/// `id` is a string (the API's `ID`, and safe from JavaScript's 53-bit integers); ids are lower-case UUIDs; `type` and
/// `priority` are the API's enum values; instants are RFC 3339 in UTC to the millisecond (the API's `DateTime`).
extension UserNotification {
    /// The bus payload of this notification (UTF-8 JSON, keys sorted).
    public var payload: [UInt8] {
        get throws { Array(try Self.encoder.encode(Wire(self))) }
    }

    /// Decodes a bus payload; throws `DecodingError` when it is not a notification's.
    public init(payload: [UInt8]) throws {
        let wire = try JSONDecoder().decode(Wire.self, from: Data(payload))
        guard let id = Int64(wire.id) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [Wire.CodingKeys.id], debugDescription: "id is not a notification id: \(wire.id)"))
        }
        guard let createdAt = Self.instant(wire.createdAt) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [Wire.CodingKeys.createdAt], debugDescription: "not an RFC 3339 instant"))
        }
        let readAt = try wire.readAt.map { text in
            guard let date = Self.instant(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [Wire.CodingKeys.readAt], debugDescription: "not an RFC 3339 instant"))
            }
            return date
        }
        self.init(
            id: id, userID: wire.userId, workspaceID: wire.workspaceId, type: wire.type, priority: wire.priority, title: wire.title,
            body: wire.body, data: wire.data, createdAt: createdAt, readAt: readAt)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    static func instant(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// The payload's fields, spelled as the API spells them.
    private struct Wire: Codable {
        let id: String
        let userId: UUID
        let workspaceId: UUID?
        let type: NotificationType
        let priority: NotificationPriority
        let title: String
        let body: String
        let data: [String: String]
        let createdAt: String
        let readAt: String?

        enum CodingKeys: String, CodingKey {
            case id, userId, workspaceId, type, priority, title, body, data, createdAt, readAt
        }

        init(_ notification: UserNotification) {
            id = String(notification.id)
            userId = notification.userID
            workspaceId = notification.workspaceID
            type = notification.type
            priority = notification.priority
            title = notification.title
            body = notification.body
            data = notification.data
            createdAt = UserNotification.rfc3339(notification.createdAt)
            readAt = notification.readAt.map(UserNotification.rfc3339)
        }

        /// Writes every key, nulls included, so consumers in other languages see the whole shape.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(userId.uuidString.lowercased(), forKey: .userId)
            try container.encode(workspaceId?.uuidString.lowercased(), forKey: .workspaceId)
            try container.encode(type, forKey: .type)
            try container.encode(priority, forKey: .priority)
            try container.encode(title, forKey: .title)
            try container.encode(body, forKey: .body)
            try container.encode(data, forKey: .data)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(readAt, forKey: .readAt)
        }
    }
}
