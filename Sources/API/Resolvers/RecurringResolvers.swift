import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// Recurring rules: the Workspace field, the type and its mutations.
    mutating func bindRecurring() {
        fieldAsync("Workspace", "recurringRules", of: WorkspaceNode.self) { node, _, request in
            .scoped(try await request.services.ledger.recurringRules(node.access), node.access)
        }
        typealias Source = Scoped<RecurringTemplate>
        sourceBacked("RecurringRule")
        field("RecurringRule", "id", of: Source.self) { .id($0.value.id) }
        field("RecurringRule", "kind", of: Source.self) { .string($0.value.kind.rawValue) }
        field("RecurringRule", "amount", of: Source.self) { .money($0.value.amount) }
        field("RecurringRule", "payee", of: Source.self) { .string($0.value.payee) }
        field("RecurringRule", "description", of: Source.self) { .string($0.value.description) }
        field("RecurringRule", "frequency", of: Source.self) { .string($0.value.rule.frequency.rawValue) }
        field("RecurringRule", "interval", of: Source.self) { .int($0.value.rule.interval) }
        field("RecurringRule", "dayOfMonth", of: Source.self) { $0.value.rule.dayOfMonth.map { .int($0) } ?? .null }
        field("RecurringRule", "lastDayOfMonth", of: Source.self) { .bool($0.value.rule.lastDayOfMonth) }
        field("RecurringRule", "startDate", of: Source.self) { .day($0.value.rule.start) }
        field("RecurringRule", "endDate", of: Source.self) { .day($0.value.rule.end) }
        field("RecurringRule", "count", of: Source.self) { $0.value.rule.count.map { .int($0) } ?? .null }
        field("RecurringRule", "nextDate", of: Source.self) { .day($0.value.next?.date) }
        field("RecurringRule", "paused", of: Source.self) { .bool($0.value.paused) }
        loaded("RecurringRule", "account") { input in
            let rule = try input.source(as: Source.self)
            return try await input.load(LedgerLoaders.accounts, rule.value.accountID, in: rule.access)
        }
        loaded("RecurringRule", "category") { input in
            let rule = try input.source(as: Source.self)
            return try await input.load(LedgerLoaders.categories, rule.value.categoryID, in: rule.access)
        }

        workspaceMutation("createRecurringRule") { access, arguments, request in
            let input = arguments.object("input") ?? [:]
            guard let kind = input.string("kind").flatMap(TransactionKind.init(rawValue:)),
                  let frequency = input.string("frequency").flatMap(RecurrenceFrequency.init(rawValue:)),
                  let start = input.day("startDate") else {
                throw LedgerError.badInput("kind, frequency and startDate are required.", field: "input")
            }
            return .object(Scoped(access: access, value: try await request.services.ledger.createRecurringRule(access, RecurringInput(
                accountID: try input.id("accountId"), kind: kind, amount: input.string("amount") ?? "", payee: input.string("payee") ?? "",
                description: input.string("description") ?? "", categoryID: try input.optionalID("categoryId"), frequency: frequency,
                interval: input.int("interval") ?? 1, dayOfMonth: input.int("dayOfMonth"), lastDayOfMonth: input.bool("lastDayOfMonth") ?? false,
                start: start, end: input.day("endDate"), count: input.int("count")))))
        }
        workspaceMutation("pauseRecurringRule") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.setRecurringRulePaused(
                access, id: try arguments.id("ruleId"), paused: arguments.bool("paused") ?? true)))
        }
        workspaceMutation("deleteRecurringRule") { access, arguments, request in
            try await request.services.ledger.deleteRecurringRule(access, id: try arguments.id("ruleId"))
            return .bool(true)
        }
        workspaceMutation("materializeRecurring") { access, arguments, request in
            let dates = try await request.services.ledger.materializeRecurring(access, through: arguments.day("through") ?? .today)
            try await request.recordBudgetCrossings(access, dates: dates)
            return .int(dates.count)
        }
    }
}
