import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Accounts, categories, transactions, transfers and budgets. Writes that change spending then record the budget
    /// thresholds they crossed.
    mutating func bindLedgerMutations() {
        workspaceMutation("createAccount") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.createAccount(access, try Self.accountInput(arguments))))
        }
        workspaceMutation("updateAccount") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.updateAccount(
                access, id: try arguments.id("accountId"), try Self.accountInput(arguments))))
        }
        workspaceMutation("archiveAccount") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.setAccountArchived(
                access, id: try arguments.id("accountId"), archived: arguments.bool("archived") ?? true)))
        }
        workspaceMutation("createCategory") { access, arguments, request in
            let input = arguments.object("input") ?? [:]
            return .object(Scoped(access: access, value: try await request.services.ledger.createCategory(
                access, name: input.string("name") ?? "", kind: input.string("kind").flatMap(CategoryKind.init(rawValue:)),
                parentID: try input.optionalID("parentId"))))
        }
        workspaceMutation("renameCategory") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.renameCategory(
                access, id: try arguments.id("categoryId"), name: arguments.string("name") ?? "")))
        }
        workspaceMutation("archiveCategory") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.setCategoryArchived(
                access, id: try arguments.id("categoryId"), archived: arguments.bool("archived") ?? true)))
        }
        workspaceMutation("mergeCategories") { access, arguments, request in
            .int(try await request.services.ledger.mergeCategory(access, sourceID: try arguments.id("sourceId"), targetID: try arguments.id("targetId")))
        }
        workspaceMutation("createTransaction") { access, arguments, request in
            let input = arguments.object("input") ?? [:]
            let created = try await request.services.ledger.createTransaction(access, try Self.transactionInput(input, creating: true))
            await request.announceTransactions(access, .created, [created.id])
            try await request.recordBudgetCrossings(access, dates: [created.date])
            return .object(Scoped(access: access, value: created))
        }
        workspaceMutation("updateTransaction") { access, arguments, request in
            let id = try arguments.id("transactionId")
            let before = try await request.services.ledger.transactions(access, ids: [id])[id]
            let updated = try await request.services.ledger.updateTransaction(
                access, id: id, try Self.transactionInput(arguments.object("input") ?? [:], creating: false))
            await request.announceTransactions(access, .updated, [updated.id])
            try await request.recordBudgetCrossings(access, dates: [updated.date] + (before.map { [$0.date] } ?? []))
            return .object(Scoped(access: access, value: updated))
        }
        workspaceMutation("deleteTransaction") { access, arguments, request in
            let deleted = try await request.services.ledger.deleteTransaction(access, id: try arguments.id("transactionId"))
            await request.announceTransactions(access, .deleted, deleted)
            return .list(deleted.map { .id($0) })
        }
        workspaceMutation("createTransfer") { access, arguments, request in
            let input = arguments.object("input") ?? [:]
            guard let date = input.day("date") else { throw LedgerError.badInput("date is required.", field: "date") }
            let legs = try await request.services.ledger.createTransfer(access, TransferInput(
                fromAccountID: try input.id("fromAccountId"), toAccountID: try input.id("toAccountId"), date: date,
                amount: input.string("amount") ?? "", toAmount: input.string("toAmount"), description: input.string("description") ?? "",
                status: input.string("status").flatMap(TransactionStatus.init(rawValue:)) ?? .cleared))
            await request.announceTransactions(access, .created, [legs.from.id, legs.to.id])
            return .object(TransferNode(access: access, from: legs.from, to: legs.to))
        }
        workspaceMutation("createBudget") { access, arguments, request in
            let budget = try await request.services.budgets.createBudget(access, try Self.budgetInput(arguments.object("input") ?? [:]), today: .today)
            try await request.recordBudgetCrossings(access, dates: [.today])
            return .object(Scoped(access: access, value: budget))
        }
        workspaceMutation("updateBudget") { access, arguments, request in
            let budget = try await request.services.budgets.updateBudget(
                access, id: try arguments.id("budgetId"), try Self.budgetInput(arguments.object("input") ?? [:]), today: .today)
            try await request.recordBudgetCrossings(access, dates: [.today])
            return .object(Scoped(access: access, value: budget))
        }
        workspaceMutation("archiveBudget") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.budgets.setBudgetArchived(
                access, id: try arguments.id("budgetId"), archived: arguments.bool("archived") ?? true)))
        }
    }

    static func accountInput(_ arguments: GraphQLObject) throws -> AccountInput {
        let input = arguments.object("input") ?? [:]
        return AccountInput(
            name: input.string("name"), kind: input.string("kind").flatMap(AccountKind.init(rawValue:)), currency: input.string("currency"),
            openingBalance: input.string("openingBalance"), openingDate: input.day("openingDate"))
    }

    static func transactionInput(_ input: GraphQLObject, creating: Bool) throws -> TransactionInput {
        var categoryID: UUID?? = nil
        if let id = try input.optionalID("categoryId") { categoryID = .some(id) }
        if input.bool("clearCategory") == true {
            guard categoryID == nil else { throw LedgerError.badInput("Give categoryId or clearCategory, not both.", field: "clearCategory") }
            categoryID = .some(nil)
        }
        let splits = try input.list("splits")?.map { value -> SplitInput in
            guard case .object(let line) = value else { throw LedgerError.badInput("A split line is an object.", field: "splits") }
            return SplitInput(categoryID: try line.optionalID("categoryId"), amount: line.string("amount") ?? "", memo: line.string("memo") ?? "")
        }
        return TransactionInput(
            kind: input.string("kind").flatMap(TransactionKind.init(rawValue:)), accountID: try input.optionalID("accountId"),
            date: input.day("date"), amount: input.string("amount"), payee: input.string("payee"), description: input.string("description"),
            notes: input.string("notes"), categoryID: categoryID, status: input.string("status").flatMap(TransactionStatus.init(rawValue:)),
            source: creating ? input.string("source").flatMap(TransactionSource.init(rawValue:)) : nil, splits: splits, tags: input.strings("tags"))
    }

    static func budgetInput(_ input: GraphQLObject) throws -> BudgetInput {
        var categoryID: UUID?? = nil
        if let id = try input.optionalID("categoryId") { categoryID = .some(id) }
        if input.bool("overall") == true {
            guard categoryID == nil else { throw LedgerError.badInput("Give categoryId or overall, not both.", field: "overall") }
            categoryID = .some(nil)
        }
        var cap: String?? = nil
        if let text = input.string("rolloverCap") { cap = .some(text) }
        if input.bool("clearRolloverCap") == true { cap = .some(nil) }
        return BudgetInput(
            name: input.string("name"), categoryID: categoryID, period: input.string("period").flatMap(BudgetPeriodKind.init(rawValue:)),
            periodDays: input.int("periodDays"), anchor: input.day("anchor"), amount: input.string("amount"), rollover: input.bool("rollover"),
            rolloverCap: cap, thresholds: input.ints("thresholds"))
    }
}

extension RequestContext {
    /// Records the budget thresholds crossed in the periods of `dates` and notifies the workspace's owners and admins
    /// (and the caller) of new ones. A failure here is logged and does not undo the write the caller already committed.
    func recordBudgetCrossings(_ access: WorkspaceAccess, dates: [CalendarDate]) async throws {
        do {
            let alerts = try await services.budgets.recordThresholdCrossings(access, dates: Set(dates), today: .today)
            await services.notifications.budgetThresholdsCrossed(alerts, access: access, budgets: services.budgets)
            await services.events.publishBudgetAlerts(alerts, workspaceID: access.workspace.id)
        } catch {
            services.logger.warning("budget thresholds not recorded", metadata: ["workspace": "\(access.workspace.id)", "error": "\(error)"])
        }
    }
}
