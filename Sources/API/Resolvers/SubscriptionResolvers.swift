import Domain
import Foundation
import GraphQLEngine

/// A transaction event as the `TransactionEvent` type resolves it, in the subscriber's workspace.
struct TransactionEventNode: Sendable {
    let access: WorkspaceAccess
    let event: TransactionEvent
}

extension ExecutableSchema.Builder {
    /// The Subscription root fields: each is a stream of the event bus's messages on one topic. The root field's guard
    /// runs before the stream opens; each event is then executed as a response of its own (fresh loaders, so a
    /// changed transaction is read as it is now).
    mutating func bindSubscriptions() {
        subscribe("notificationAdded") { input in
            let request = try input.request
            let user = try await request.requireUser()
            return Self.events(request.services.events, .notifications(userID: user.id)) { message in
                (try? UserNotification(payload: message.payload)).map { .object($0) }
            }
        }
        subscribe("transactionChanged") { input in
            let request = try input.request
            let access = try await request.requireAccess(toWorkspace: input.arguments.string("workspaceId"))
            return Self.events(request.services.events, .transactions(workspaceID: access.workspace.id)) { message in
                message.decoded(as: TransactionEvent.self).map { .object(TransactionEventNode(access: access, event: $0)) }
            }
        }
        subscribe("budgetAlert") { input in
            let request = try input.request
            let access = try await request.requireAccess(toWorkspace: input.arguments.string("workspaceId"))
            return Self.events(request.services.events, .budgetAlerts(workspaceID: access.workspace.id)) { message in
                message.decoded(as: BudgetAlertEvent.self)?.alert.map { .object(Scoped(access: access, value: $0)) }
            }
        }
        subscribe("importProgress") { input in
            let request = try input.request
            _ = try await request.requireAccess(toWorkspace: input.arguments.string("workspaceId"))
            let importID = try input.arguments.id("importId")
            return Self.events(request.services.events, .importProgress(importID: importID)) { message in
                message.decoded(as: ImportProgressEvent.self).map { .object($0) }
            }
        }

        sourceBacked("TransactionEvent")
        field("TransactionEvent", "action", of: TransactionEventNode.self) { .string($0.event.action.rawValue) }
        field("TransactionEvent", "transactionIds", of: TransactionEventNode.self) { .list($0.event.transactionIDs.map { .id($0) }) }
        loaded("TransactionEvent", "transactions") { input in
            let node = try input.source(as: TransactionEventNode.self)
            guard node.event.action != .deleted else { return .list([]) }
            let found = try await (try input.request).services.ledger.transactions(node.access, ids: node.event.transactionIDs)
            return .list(node.event.transactionIDs.compactMap { found[$0] }.map { .object(Scoped(access: node.access, value: $0)) })
        }
        loaded("TransactionEvent", "actor") { input in
            try await input.loadUser(try input.source(as: TransactionEventNode.self).event.actorID)
        }

        sourceBacked("ImportProgress")
        field("ImportProgress", "importId", of: ImportProgressEvent.self) { .id($0.importID) }
        field("ImportProgress", "stage", of: ImportProgressEvent.self) { .string($0.stage.rawValue) }
        field("ImportProgress", "added", of: ImportProgressEvent.self) { $0.added.map { .int($0) } ?? .null }
        field("ImportProgress", "duplicates", of: ImportProgressEvent.self) { $0.duplicates.map { .int($0) } ?? .null }
        field("ImportProgress", "message", of: ImportProgressEvent.self) { $0.message.map { .string($0) } ?? .null }
    }

    /// The messages on `topic`, each turned into the field's value; messages that do not decode are skipped. The bus
    /// subscription ends when the client completes the operation or leaves (the stream's task is cancelled).
    static func events(
        _ bus: any EventBus, _ topic: EventTopic, _ transform: @escaping @Sendable (BusMessage) -> Resolved?
    ) -> AsyncThrowingStream<Resolved, any Error> {
        let messages = bus.subscribe(to: topic)
        return AsyncThrowingStream { continuation in
            let task = Task {
                for await message in messages {
                    if let value = transform(message) { continuation.yield(value) }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension RequestContext {
    /// Announces transactions written by this request to the workspace's `transactionChanged` subscribers, after the
    /// write has committed: one event, or one per 500 ids for bulk writes (imports and their undo).
    func announceTransactions(_ access: WorkspaceAccess, _ action: TransactionEvent.Action, _ ids: [UUID]) async {
        for start in stride(from: 0, to: ids.count, by: 500) {
            await services.events.publish(.encoding(
                TransactionEvent(action: action, transactionIDs: Array(ids[start..<min(start + 500, ids.count)]), actorID: claims?.userID),
                on: .transactions(workspaceID: access.workspace.id)))
        }
    }
}
