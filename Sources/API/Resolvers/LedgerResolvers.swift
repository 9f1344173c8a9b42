import Domain
import Foundation
import GraphQLEngine

extension Resolved {
    /// A Money value.
    static func money(_ money: Money) -> Resolved { .object(money) }
    /// An optional Money value.
    static func money(_ money: Money?) -> Resolved { money.map { .object($0) } ?? .null }
    /// A calendar day.
    static func day(_ day: CalendarDate) -> Resolved { .string(day.iso) }
    /// An optional calendar day.
    static func day(_ day: CalendarDate?) -> Resolved { day.map { .string($0.iso) } ?? .null }
    /// Values of one workspace, each wrapped with its access.
    static func scoped<Value: Sendable>(_ values: [Value], _ access: WorkspaceAccess) -> Resolved {
        .list(values.map { .object(Scoped(access: access, value: $0)) })
    }
}

extension ExecutableSchema.Builder {
    /// Accounts, categories, tags, transactions and their connection, and Money.
    mutating func bindLedger() {
        sourceBacked("Money")
        field("Money", "amount", of: Money.self) { .string($0.decimalString) }
        field("Money", "currency", of: Money.self) { .string($0.currency.code) }

        typealias AccountSource = Scoped<Account>
        sourceBacked("Account")
        field("Account", "id", of: AccountSource.self) { .id($0.value.id) }
        field("Account", "name", of: AccountSource.self) { .string($0.value.name) }
        field("Account", "kind", of: AccountSource.self) { .string($0.value.kind.rawValue) }
        field("Account", "currency", of: AccountSource.self) { .string($0.value.currency.code) }
        field("Account", "openingBalance", of: AccountSource.self) { .money($0.value.openingBalance) }
        field("Account", "openingDate", of: AccountSource.self) { .day($0.value.openingDate) }
        field("Account", "archived", of: AccountSource.self) { .bool($0.value.archivedAt != nil) }
        field("Account", "createdAt", of: AccountSource.self) { .date($0.value.createdAt) }
        loaded("Account", "balance") { input in
            let account = try input.source(as: AccountSource.self)
            let key = LedgerLoaders.BalanceKey(access: account.access, accountID: account.value.id, day: input.arguments.day("at") ?? .today)
            return .money(try await input.info.loaders.load(LedgerLoaders.balances, key) ?? .zero(account.value.currency))
        }

        typealias CategorySource = Scoped<Domain.Category>
        sourceBacked("Category")
        field("Category", "id", of: CategorySource.self) { .id($0.value.id) }
        field("Category", "name", of: CategorySource.self) { .string($0.value.name) }
        field("Category", "kind", of: CategorySource.self) { .string($0.value.kind.rawValue) }
        field("Category", "key", of: CategorySource.self) { $0.value.key.map { .string($0) } ?? .null }
        field("Category", "archived", of: CategorySource.self) { .bool($0.value.archivedAt != nil) }
        loaded("Category", "parent") { input in
            let category = try input.source(as: CategorySource.self)
            return try await input.load(LedgerLoaders.categories, category.value.parentID, in: category.access)
        }

        sourceBacked("Tag")
        field("Tag", "id", of: Scoped<Tag>.self) { .id($0.value.id) }
        field("Tag", "name", of: Scoped<Tag>.self) { .string($0.value.name) }

        bindTransactions()
    }

    private mutating func bindTransactions() {
        typealias Source = Scoped<LedgerTransaction>
        sourceBacked("Transaction")
        field("Transaction", "id", of: Source.self) { .id($0.value.id) }
        field("Transaction", "kind", of: Source.self) { .string($0.value.kind.rawValue) }
        field("Transaction", "date", of: Source.self) { .day($0.value.date) }
        field("Transaction", "amount", of: Source.self) { .money($0.value.amount) }
        field("Transaction", "payee", of: Source.self) { .string($0.value.payee) }
        field("Transaction", "description", of: Source.self) { .string($0.value.description) }
        field("Transaction", "notes", of: Source.self) { .string($0.value.notes) }
        field("Transaction", "status", of: Source.self) { .string($0.value.status.rawValue) }
        field("Transaction", "source", of: Source.self) { .string($0.value.source.rawValue) }
        field("Transaction", "createdAt", of: Source.self) { .date($0.value.createdAt) }
        field("Transaction", "updatedAt", of: Source.self) { .date($0.value.updatedAt) }
        loaded("Transaction", "account") { input in
            let transaction = try input.source(as: Source.self)
            return try await input.load(LedgerLoaders.accounts, transaction.value.accountID, in: transaction.access)
        }
        loaded("Transaction", "category") { input in
            let transaction = try input.source(as: Source.self)
            return try await input.load(LedgerLoaders.categories, transaction.value.categoryID, in: transaction.access)
        }
        loaded("Transaction", "splits") { input in
            let transaction = try input.source(as: Source.self)
            return try await input.loadList(LedgerLoaders.splits, transaction.value.id, in: transaction.access)
        }
        loaded("Transaction", "tags") { input in
            let transaction = try input.source(as: Source.self)
            return try await input.loadList(LedgerLoaders.tags, transaction.value.id, in: transaction.access)
        }
        loaded("Transaction", "counterpart") { input in
            let transaction = try input.source(as: Source.self)
            guard let transferID = transaction.value.transferID,
                  let legs = try await input.info.loaders.load(LedgerLoaders.transfers, ScopedID(access: transaction.access, id: transferID)),
                  let other = legs.first(where: { $0.id != transaction.value.id }) else { return .null }
            return .object(Scoped(access: transaction.access, value: other))
        }
        loaded("Transaction", "createdBy") { input in try await input.loadUser(try input.source(as: Source.self).value.createdBy) }
        loaded("Transaction", "updatedBy") { input in try await input.loadUser(try input.source(as: Source.self).value.updatedBy) }
        fieldAsync("Transaction", "history", of: Source.self) { transaction, _, request in
            .objects(try await request.services.ledger.changes(transaction.access, transactionID: transaction.value.id))
        }

        typealias SplitSource = Scoped<SplitLine>
        sourceBacked("SplitLine")
        field("SplitLine", "amount", of: SplitSource.self) { .money($0.value.amount) }
        field("SplitLine", "memo", of: SplitSource.self) { .string($0.value.memo) }
        loaded("SplitLine", "category") { input in
            let line = try input.source(as: SplitSource.self)
            return try await input.load(LedgerLoaders.categories, line.value.categoryID, in: line.access)
        }

        sourceBacked("TransactionChange")
        field("TransactionChange", "action", of: TransactionChange.self) { .string($0.action) }
        field("TransactionChange", "changedAt", of: TransactionChange.self) { .date($0.changedAt) }
        field("TransactionChange", "before", of: TransactionChange.self) { .string($0.before) }
        field("TransactionChange", "after", of: TransactionChange.self) { $0.after.map { .string($0) } ?? .null }
        loaded("TransactionChange", "changedBy") { input in try await input.loadUser(try input.source(as: TransactionChange.self).changedBy) }

        sourceBacked("TransactionConnection")
        field("TransactionConnection", "edges", of: TransactionConnectionNode.self) { node in
            .list(node.page.items.map { .object(EdgeNode(cursor: $0.cursor, item: Scoped(access: node.access, value: $0.transaction))) })
        }
        field("TransactionConnection", "pageInfo", of: TransactionConnectionNode.self) { node in
            .value(.object(["hasNextPage": .bool(node.page.hasNextPage), "endCursor": node.page.items.last.map { .string($0.cursor) } ?? .null]))
        }
        fieldAsync("TransactionConnection", "totalCount", of: TransactionConnectionNode.self) { node, _, request in
            .int(try await request.services.ledger.countTransactions(node.access, filter: node.filter))
        }
        fieldAsync("TransactionConnection", "totals", of: TransactionConnectionNode.self) { node, _, request in
            .object(try await request.services.ledger.totals(node.access, filter: node.filter))
        }
        sourceBacked("TransactionEdge")
        field("TransactionEdge", "cursor", of: EdgeNode<Source>.self) { .string($0.cursor) }
        field("TransactionEdge", "node", of: EdgeNode<Source>.self) { .object($0.item) }

        sourceBacked("TransactionTotals")
        field("TransactionTotals", "count", of: TransactionTotals.self) { .int($0.count) }
        field("TransactionTotals", "income", of: TransactionTotals.self) { .money($0.income) }
        field("TransactionTotals", "expenses", of: TransactionTotals.self) { .money($0.expenses) }
        field("TransactionTotals", "net", of: TransactionTotals.self) { .money($0.net) }

        sourceBacked("Transfer")
        field("Transfer", "from", of: TransferNode.self) { .object(Scoped(access: $0.access, value: $0.from)) }
        field("Transfer", "to", of: TransferNode.self) { .object(Scoped(access: $0.access, value: $0.to)) }
    }
}

/// A `TransactionConnection`: the page, and the filter its totals and count are computed from when asked.
struct TransactionConnectionNode: Sendable {
    let access: WorkspaceAccess
    let filter: TransactionFilter
    let page: TransactionPage
}

/// A `Transfer`'s two legs.
struct TransferNode: Sendable {
    let access: WorkspaceAccess
    let from: LedgerTransaction
    let to: LedgerTransaction
}

enum LedgerArguments {
    /// A `TransactionFilter` input object as the domain's filter.
    static func filter(_ input: GraphQLObject?) throws -> TransactionFilter {
        guard let input else { return TransactionFilter() }
        return TransactionFilter(
            from: input.day("from"), to: input.day("to"), minAmount: input.string("minAmount"), maxAmount: input.string("maxAmount"),
            categoryIDs: try input.ids("categoryIds"), uncategorized: input.bool("uncategorized"), tagIDs: try input.ids("tagIds"),
            accountIDs: try input.ids("accountIds"), kinds: input.enums("kinds", as: TransactionKind.self),
            statuses: input.enums("statuses", as: TransactionStatus.self), sources: input.enums("sources", as: TransactionSource.self),
            text: input.string("text"), importID: try input.optionalID("importId"))
    }
}
