import Domain
import Foundation
import GraphQLEngine

/// A `Dashboard`: the period; each field computes its own figures when selected.
struct DashboardNode: Sendable {
    let access: WorkspaceAccess
    let from: CalendarDate
    let to: CalendarDate
}

extension ExecutableSchema.Builder {
    /// Dashboard figures, period totals, spending breakdowns, budgets and their statuses and alerts.
    mutating func bindDashboard() {
        sourceBacked("Dashboard")
        field("Dashboard", "from", of: DashboardNode.self) { .day($0.from) }
        field("Dashboard", "to", of: DashboardNode.self) { .day($0.to) }
        fieldAsync("Dashboard", "totals", of: DashboardNode.self) { node, _, request in
            .object(try await request.services.ledger.periodTotals(node.access, from: node.from, to: node.to))
        }
        fieldAsync("Dashboard", "previous", of: DashboardNode.self) { node, _, request in
            let previous = LedgerService.previousPeriod(from: node.from, to: node.to)
            return .object(try await request.services.ledger.periodTotals(node.access, from: previous.from, to: previous.to))
        }
        fieldAsync("Dashboard", "byCategory", of: DashboardNode.self) { node, input, request in
            let limit = input.arguments.int("limit") ?? 20
            guard (1...200).contains(limit) else { throw LedgerError.badInput("limit must be between 1 and 200.", field: "limit") }
            let spending = try await request.services.ledger.spendingByCategory(
                node.access, from: node.from, to: node.to, topLevel: input.arguments.bool("topLevel") ?? true)
            return .scoped(Array(spending.prefix(limit)), node.access)
        }
        fieldAsync("Dashboard", "byMonth", of: DashboardNode.self) { node, _, request in
            .objects(try await request.services.ledger.monthlyTotals(node.access, from: node.from, to: node.to))
        }
        fieldAsync("Dashboard", "byMerchant", of: DashboardNode.self) { node, input, request in
            .objects(try await request.services.ledger.spendingByMerchant(
                node.access, from: node.from, to: node.to, limit: input.arguments.int("limit") ?? 10))
        }
        fieldAsync("Dashboard", "budgets", of: DashboardNode.self) { node, _, request in
            let budgets = try await request.services.budgets.budgets(node.access)
            let today = CalendarDate.today
            let statuses = try await request.services.budgets.statuses(node.access, budgets: budgets, on: min(node.to, today), today: today)
            return .scoped(budgets.compactMap { statuses[$0.id] }, node.access)
        }
        fieldAsync("Dashboard", "recentTransactions", of: DashboardNode.self) { node, input, request in
            let page = try await request.services.ledger.searchTransactions(
                node.access, filter: TransactionFilter(to: node.to), sort: .dateDescending, first: input.arguments.int("first") ?? 20, after: nil)
            return .scoped(page.items.map(\.transaction), node.access)
        }

        sourceBacked("PeriodTotals")
        field("PeriodTotals", "from", of: PeriodTotals.self) { .day($0.from) }
        field("PeriodTotals", "to", of: PeriodTotals.self) { .day($0.to) }
        field("PeriodTotals", "income", of: PeriodTotals.self) { .money($0.income) }
        field("PeriodTotals", "expenses", of: PeriodTotals.self) { .money($0.expenses) }
        field("PeriodTotals", "net", of: PeriodTotals.self) { .money($0.net) }
        field("PeriodTotals", "savingsRate", of: PeriodTotals.self) { $0.savingsRate.map { .float($0) } ?? .null }

        typealias CategorySource = Scoped<CategorySpending>
        sourceBacked("CategorySpending")
        field("CategorySpending", "amount", of: CategorySource.self) { .money($0.value.amount) }
        field("CategorySpending", "share", of: CategorySource.self) { .float($0.value.share) }
        field("CategorySpending", "transactionCount", of: CategorySource.self) { .int($0.value.transactionCount) }
        loaded("CategorySpending", "category") { input in
            let spending = try input.source(as: CategorySource.self)
            return try await input.load(LedgerLoaders.categories, spending.value.categoryID, in: spending.access)
        }

        sourceBacked("MonthTotals")
        field("MonthTotals", "month", of: MonthTotals.self) { .day($0.month) }
        field("MonthTotals", "income", of: MonthTotals.self) { .money($0.income) }
        field("MonthTotals", "expenses", of: MonthTotals.self) { .money($0.expenses) }
        field("MonthTotals", "net", of: MonthTotals.self) { .money($0.net) }

        sourceBacked("MerchantSpending")
        field("MerchantSpending", "payee", of: MerchantSpending.self) { .string($0.payee) }
        field("MerchantSpending", "amount", of: MerchantSpending.self) { .money($0.amount) }
        field("MerchantSpending", "transactionCount", of: MerchantSpending.self) { .int($0.transactionCount) }

        bindBudgets()
    }

    private mutating func bindBudgets() {
        typealias Source = Scoped<Budget>
        sourceBacked("Budget")
        field("Budget", "id", of: Source.self) { .id($0.value.id) }
        field("Budget", "name", of: Source.self) { .string($0.value.name) }
        field("Budget", "period", of: Source.self) { .string($0.value.schedule.kind.rawValue) }
        field("Budget", "periodDays", of: Source.self) { $0.value.schedule.customDays.map { .int($0) } ?? .null }
        field("Budget", "anchor", of: Source.self) { .day($0.value.schedule.anchor) }
        field("Budget", "amount", of: Source.self) { .money($0.value.amount) }
        field("Budget", "rollover", of: Source.self) { .bool($0.value.rollover) }
        field("Budget", "rolloverCap", of: Source.self) { .money($0.value.rolloverCap) }
        field("Budget", "thresholds", of: Source.self) { .list($0.value.thresholds.map { .int($0) }) }
        field("Budget", "archived", of: Source.self) { .bool($0.value.archivedAt != nil) }
        loaded("Budget", "category") { input in
            let budget = try input.source(as: Source.self)
            return try await input.load(LedgerLoaders.categories, budget.value.categoryID, in: budget.access)
        }
        loaded("Budget", "status") { input in
            let budget = try input.source(as: Source.self)
            let key = LedgerLoaders.BudgetDayKey(access: budget.access, budget: budget.value, day: input.arguments.day("date") ?? .today)
            guard let status = try await input.info.loaders.load(LedgerLoaders.budgetStatuses, key) else { return .null }
            return .object(Scoped(access: budget.access, value: status))
        }
        fieldAsync("Budget", "history", of: Source.self) { budget, input, request in
            let today = CalendarDate.today
            return .scoped(try await request.services.budgets.history(
                budget.access, budget: budget.value, count: input.arguments.int("periods") ?? 6, through: today, today: today), budget.access)
        }

        typealias StatusSource = Scoped<BudgetStatus>
        sourceBacked("BudgetStatus")
        loaded("BudgetStatus", "budget") { input in
            let status = try input.source(as: StatusSource.self)
            return try await input.load(LedgerLoaders.budgets, status.value.budgetID, in: status.access)
        }
        field("BudgetStatus", "periodStart", of: StatusSource.self) { .day($0.value.period.start) }
        field("BudgetStatus", "periodEnd", of: StatusSource.self) { .day($0.value.period.end) }
        field("BudgetStatus", "limit", of: StatusSource.self) { .money($0.value.limit) }
        field("BudgetStatus", "carriedIn", of: StatusSource.self) { .money($0.value.carriedIn) }
        field("BudgetStatus", "available", of: StatusSource.self) { .money($0.value.available) }
        field("BudgetStatus", "spent", of: StatusSource.self) { .money($0.value.spent) }
        field("BudgetStatus", "remaining", of: StatusSource.self) { .money($0.value.remaining) }
        field("BudgetStatus", "percentUsed", of: StatusSource.self) { .float($0.value.percentUsed) }
        field("BudgetStatus", "projected", of: StatusSource.self) { .money($0.value.projected) }
        field("BudgetStatus", "crossedThresholds", of: StatusSource.self) { .list($0.value.crossedThresholds.map { .int($0) }) }

        typealias AlertSource = Scoped<BudgetAlert>
        sourceBacked("BudgetAlert")
        loaded("BudgetAlert", "budget") { input in
            let alert = try input.source(as: AlertSource.self)
            return try await input.load(LedgerLoaders.budgets, alert.value.budgetID, in: alert.access)
        }
        field("BudgetAlert", "periodStart", of: AlertSource.self) { .day($0.value.periodStart) }
        field("BudgetAlert", "threshold", of: AlertSource.self) { .int($0.value.threshold) }
        field("BudgetAlert", "spent", of: AlertSource.self) { .money($0.value.spent) }
        field("BudgetAlert", "available", of: AlertSource.self) { .money($0.value.available) }
        field("BudgetAlert", "createdAt", of: AlertSource.self) { .date($0.value.createdAt) }
    }
}

extension LedgerLoaders {
    /// Budget statuses keyed by budget and day: one spending statement for every budget of a list.
    static let budgetStatuses = LoaderDefinition<BudgetDayKey, BudgetStatus>(name: "ledger.budgetStatuses") { keys, context in
        let services = (context as! RequestContext).services
        var result: [BudgetDayKey: BudgetStatus] = [:]
        for (group, members) in Dictionary(grouping: keys, by: { ScopedDay(access: $0.access, day: $0.day) }) {
            let statuses = try await services.budgets.statuses(group.access, budgets: members.map(\.budget), on: group.day, today: .today)
            for key in members { result[key] = statuses[key.budget.id] }
        }
        return result
    }

    struct BudgetDayKey: Hashable, Sendable {
        let access: WorkspaceAccess
        let budget: Budget
        let day: CalendarDate
    }
}
