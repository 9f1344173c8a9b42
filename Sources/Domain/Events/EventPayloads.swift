import Foundation

/// Transactions created, changed or deleted by one write: the payload of `EventTopic.transactions`.
public struct TransactionEvent: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable {
        case created = "CREATED"
        case updated = "UPDATED"
        case deleted = "DELETED"
    }

    public let action: Action
    public let transactionIDs: [UUID]
    /// The user whose write it was.
    public let actorID: UUID?

    /// An event for `transactionIDs`.
    public init(action: Action, transactionIDs: [UUID], actorID: UUID?) {
        self.action = action
        self.transactionIDs = transactionIDs
        self.actorID = actorID
    }
}

/// Where an import stands: the payload of `EventTopic.importProgress`.
public struct ImportProgressEvent: Codable, Sendable, Equatable {
    public enum Stage: String, Codable, Sendable {
        case committing = "COMMITTING"
        case committed = "COMMITTED"
        case failed = "FAILED"
    }

    public let importID: UUID
    public let stage: Stage
    /// Rows written (when committed).
    public let added: Int?
    /// Rows left out as already present (when committed).
    public let duplicates: Int?
    /// Why it failed (when failed).
    public let message: String?

    /// An event for one import.
    public init(importID: UUID, stage: Stage, added: Int? = nil, duplicates: Int? = nil, message: String? = nil) {
        self.importID = importID
        self.stage = stage
        self.added = added
        self.duplicates = duplicates
        self.message = message
    }
}

/// A recorded budget threshold crossing as it travels: the payload of `EventTopic.budgetAlerts`.
public struct BudgetAlertEvent: Codable, Sendable, Equatable {
    public let budgetID: UUID
    public let periodStart: String
    public let threshold: Int
    public let currency: String
    public let spentMinorUnits: Int64
    public let availableMinorUnits: Int64
    public let createdAt: Date

    /// The event for `alert`.
    public init(_ alert: BudgetAlert) {
        budgetID = alert.budgetID
        periodStart = alert.periodStart.description
        threshold = alert.threshold
        currency = alert.spent.currency.code
        spentMinorUnits = alert.spent.minorUnits
        availableMinorUnits = alert.available.minorUnits
        createdAt = alert.createdAt
    }

    /// The alert again; nil when the payload names an unknown currency or an invalid date.
    public var alert: BudgetAlert? {
        guard let currency = Currency(code: currency), let periodStart = CalendarDate(iso: periodStart) else { return nil }
        return BudgetAlert(
            budgetID: budgetID, periodStart: periodStart, threshold: threshold,
            spent: Money(minorUnits: spentMinorUnits, currency: currency),
            available: Money(minorUnits: availableMinorUnits, currency: currency), createdAt: createdAt)
    }
}

extension BusMessage {
    /// A message carrying `payload` as JSON.
    public static func encoding(_ payload: some Encodable, on topic: EventTopic) -> BusMessage {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return BusMessage(topic: topic, payload: Array((try? encoder.encode(payload)) ?? Data("{}".utf8)))
    }

    /// The payload decoded as `type`; nil when it does not decode.
    public func decoded<T: Decodable>(as type: T.Type) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try? decoder.decode(type, from: Data(payload))
    }
}

extension EventPublisher {
    /// Announces recorded budget threshold crossings to the workspace's `budgetAlert` subscribers.
    public func publishBudgetAlerts(_ alerts: [BudgetAlert], workspaceID: UUID) async {
        for alert in alerts {
            await publish(.encoding(BudgetAlertEvent(alert), on: .budgetAlerts(workspaceID: workspaceID)))
        }
    }
}
