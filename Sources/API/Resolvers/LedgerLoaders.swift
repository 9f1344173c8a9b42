import Domain
import Foundation
import GraphQLEngine

/// An id inside one workspace, with the caller's access to it: what ledger loaders are keyed by, so one request that
/// reads several workspaces (an advisor's aliases) batches per workspace and never mixes them.
struct ScopedID: Hashable, Sendable {
    let access: WorkspaceAccess
    let id: UUID
}

/// A value of a workspace, with the access it was read through; what ledger types resolve from.
struct Scoped<Value: Sendable>: Sendable {
    let access: WorkspaceAccess
    let value: Value
}

/// Batch loaders of the ledger: each becomes one SQL statement per workspace and execution level.
enum LedgerLoaders {
    static let accounts = scoped("ledger.accounts") { services, access, ids in try await services.ledger.accounts(access, ids: ids) }
    static let categories = scoped("ledger.categories") { services, access, ids in try await services.ledger.categories(access, ids: ids) }
    static let splits = scoped("ledger.splits") { services, access, ids in try await services.ledger.splits(access, transactionIDs: ids) }
    static let tags = scoped("ledger.tags") { services, access, ids in try await services.ledger.tags(access, transactionIDs: ids) }
    static let transfers = scoped("ledger.transfers") { services, access, ids in try await services.ledger.transfers(access, transferIDs: ids) }
    static let budgets = scoped("ledger.budgets") { services, access, ids in try await services.budgets.budgets(access, ids: ids) }

    /// Balances keyed by account and day.
    static let balances = LoaderDefinition<BalanceKey, Money>(name: "ledger.balances") { keys, context in
        let services = (context as! RequestContext).services
        var result: [BalanceKey: Money] = [:]
        for (group, members) in Dictionary(grouping: keys, by: { ScopedDay(access: $0.access, day: $0.day) }) {
            let balances = try await services.ledger.balances(group.access, accountIDs: members.map(\.accountID), at: group.day)
            for key in members { result[key] = balances[key.accountID] }
        }
        return result
    }

    struct BalanceKey: Hashable, Sendable {
        let access: WorkspaceAccess
        let accountID: UUID
        let day: CalendarDate
    }

    struct ScopedDay: Hashable {
        let access: WorkspaceAccess
        let day: CalendarDate
    }

    static func scoped<Value: Sendable>(
        _ name: String, _ load: @escaping @Sendable (APIServices, WorkspaceAccess, [UUID]) async throws -> [UUID: Value]
    ) -> LoaderDefinition<ScopedID, Value> {
        LoaderDefinition(name: name) { keys, context in
            let services = (context as! RequestContext).services
            var result: [ScopedID: Value] = [:]
            for (access, group) in Dictionary(grouping: keys, by: \.access) {
                let values = try await load(services, access, group.map(\.id))
                for key in group { result[key] = values[key.id] }
            }
            return result
        }
    }
}

extension FieldInput {
    /// A ledger value by id through a batch loader, wrapped with its access; null when absent.
    func load<Value: Sendable>(_ loader: LoaderDefinition<ScopedID, Value>, _ id: UUID?, in access: WorkspaceAccess) async throws -> Resolved {
        guard let id, let value = try await info.loaders.load(loader, ScopedID(access: access, id: id)) else { return .null }
        return .object(Scoped(access: access, value: value))
    }

    /// The list a loader gives for an id, each item wrapped with its access; empty when absent.
    func loadList<Item: Sendable>(_ loader: LoaderDefinition<ScopedID, [Item]>, _ id: UUID, in access: WorkspaceAccess) async throws -> Resolved {
        let items = try await info.loaders.load(loader, ScopedID(access: access, id: id)) ?? []
        return .list(items.map { .object(Scoped(access: access, value: $0)) })
    }
}
