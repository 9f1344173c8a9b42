import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// The ledger fields of `Workspace`: each runs in the workspace's own database scope.
    mutating func bindWorkspaceLedger() {
        fieldAsync("Workspace", "baseCurrency", of: WorkspaceNode.self) { node, _, request in
            .string(try await request.services.ledger.baseCurrency(node.access).code)
        }
        fieldAsync("Workspace", "accounts", of: WorkspaceNode.self) { node, input, request in
            .scoped(try await request.services.ledger.accounts(node.access, includeArchived: input.arguments.bool("includeArchived") ?? false), node.access)
        }
        fieldAsync("Workspace", "categories", of: WorkspaceNode.self) { node, input, request in
            .scoped(try await request.services.ledger.categories(node.access, includeArchived: input.arguments.bool("includeArchived") ?? false), node.access)
        }
        fieldAsync("Workspace", "tags", of: WorkspaceNode.self) { node, _, request in
            .scoped(try await request.services.ledger.allTags(node.access), node.access)
        }
        fieldAsync("Workspace", "transactions", of: WorkspaceNode.self) { node, input, request in
            let arguments = input.arguments
            let filter = try LedgerArguments.filter(arguments.object("filter"))
            let sort = arguments.string("sort").flatMap(TransactionSort.init(rawValue:)) ?? .dateDescending
            let page = try await request.services.ledger.searchTransactions(
                node.access, filter: filter, sort: sort, first: arguments.int("first") ?? 50, after: arguments.string("after"))
            return .object(TransactionConnectionNode(access: node.access, filter: filter, page: page))
        }
        fieldAsync("Workspace", "transaction", of: WorkspaceNode.self) { node, input, request in
            let id = try input.arguments.id("id")
            guard let transaction = try await request.services.ledger.transactions(node.access, ids: [id])[id] else { return .null }
            return .object(Scoped(access: node.access, value: transaction))
        }
        fieldAsync("Workspace", "dashboard", of: WorkspaceNode.self) { node, input, _ in
            guard let from = input.arguments.day("from"), let to = input.arguments.day("to") else { return .null }
            guard from <= to else { throw LedgerError.badInput("to (\(to)) is before from (\(from)).", field: "to") }
            return .object(DashboardNode(access: node.access, from: from, to: to))
        }
        fieldAsync("Workspace", "budgets", of: WorkspaceNode.self) { node, input, request in
            .scoped(try await request.services.budgets.budgets(node.access, includeArchived: input.arguments.bool("includeArchived") ?? false), node.access)
        }
        fieldAsync("Workspace", "budgetAlerts", of: WorkspaceNode.self) { node, input, request in
            .scoped(try await request.services.budgets.alerts(
                node.access, budgetID: try input.arguments.optionalID("budgetId"), limit: input.arguments.int("first") ?? 50), node.access)
        }
    }
}

