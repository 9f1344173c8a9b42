import Foundation
import PostgresNIO

extension LedgerService {
    static let recurringColumns = """
        r.id, r.account_id, r.kind, r.amount, a.currency, r.payee, r.description, r.category_id, r.frequency, r.every, r.day_of_month, \
        r.last_day_of_month, \(CalendarDate.dayNumberSQL("r.start_date")), \(CalendarDate.dayNumberSQL("r.end_date")), r.max_count, \
        r.materialized_index, r.paused
        """

    static func recurring(_ row: PostgresRow) throws -> RecurringTemplate {
        let c = PostgresRandomAccessRow(row)
        let currency = try Cells.currency(c[4])
        let rule = try RecurrenceRule(
            frequency: RecurrenceFrequency(rawValue: try c[8].decode(String.self)) ?? .monthly, interval: Int(try c[9].decode(Int32.self)),
            dayOfMonth: try c[10].decode(Int32?.self).map(Int.init), lastDayOfMonth: try c[11].decode(Bool.self), start: try Cells.day(c[12]),
            end: try c[13].decode(Int32?.self).map { CalendarDate(dayNumber: Int($0)) }, count: try c[14].decode(Int32?.self).map(Int.init))
        return RecurringTemplate(
            id: try c[0].decode(UUID.self), accountID: try c[1].decode(UUID.self),
            kind: TransactionKind(rawValue: try c[2].decode(String.self)) ?? .expense,
            amount: Money(minorUnits: try c[3].decode(Int64.self), currency: currency), payee: try c[5].decode(String.self),
            description: try c[6].decode(String.self), categoryID: try c[7].decode(UUID?.self), rule: rule,
            materializedIndex: try c[15].decode(Int32?.self).map(Int.init), paused: try c[16].decode(Bool.self))
    }

    /// The workspace's recurring rules, by next date.
    public func recurringRules(_ access: WorkspaceAccess) async throws -> [RecurringTemplate] {
        try await read(access) { connection in
            try await Self.recurringRules(where: "true", on: connection, logger: logger)
        }
    }

    static func recurringRules(where condition: String, lock: Bool = false, on connection: PostgresConnection, logger: Logger) async throws -> [RecurringTemplate] {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(recurringColumns) FROM recurring_rules r JOIN accounts a ON a.id = r.account_id WHERE \(condition) ORDER BY r.start_date, r.id\(lock ? " FOR UPDATE OF r" : "")"),
            logger: logger)
        var rules: [RecurringTemplate] = []
        for try await row in rows { rules.append(try recurring(row)) }
        return rules
    }

    /// Creates a recurring rule; nothing is written to the ledger until it is materialised.
    public func createRecurringRule(_ access: WorkspaceAccess, _ input: RecurringInput) async throws -> RecurringTemplate {
        guard input.kind != .transfer else { throw LedgerError.badInput("Recurring rules write expenses or incomes.", field: "kind") }
        let rule = try RecurrenceRule(
            frequency: input.frequency, interval: input.interval, dayOfMonth: input.dayOfMonth, lastDayOfMonth: input.lastDayOfMonth,
            start: input.start, end: input.end, count: input.count)
        let payee = try TextField.clean(input.payee, field: "payee", maximum: 200)
        let description = try TextField.clean(input.description, field: "description", maximum: 500)
        let id = UUID()
        return try await write(access) { connection in
            let account = try await Self.liveAccount(input.accountID, field: "accountId", on: connection, logger: logger)
            let magnitude = try Money.positive(input.amount, currency: account.currency, field: "amount")
            if let categoryID = input.categoryID { try await Self.checkCategories([(categoryID, "categoryId")], on: connection, logger: logger) }
            try await connection.query(
                """
                INSERT INTO recurring_rules (id, account_id, kind, amount, payee, description, category_id, frequency, every, day_of_month,
                                             last_day_of_month, start_date, end_date, max_count, created_by)
                VALUES (\(id), \(account.id), \(input.kind.rawValue), \(input.kind == .expense ? -magnitude.minorUnits : magnitude.minorUnits),
                        \(payee), \(description), \(input.categoryID), \(rule.frequency.rawValue), \(Int32(rule.interval)),
                        \(rule.dayOfMonth.map(Int32.init)), \(rule.lastDayOfMonth), \(rule.start.iso)::date, \(rule.end?.iso)::date,
                        \(rule.count.map(Int32.init)), \(access.userID))
                """, logger: logger)
            guard let created = try await Self.recurringRules(where: "r.id = '\(id.uuidString)'", on: connection, logger: logger).first else {
                throw LedgerError.notFound("recurring rule", field: "ruleId")
            }
            return created
        }
    }

    /// Pauses or resumes a rule.
    public func setRecurringRulePaused(_ access: WorkspaceAccess, id: UUID, paused: Bool) async throws -> RecurringTemplate {
        try await write(access) { connection in
            try await connection.query("UPDATE recurring_rules SET paused = \(paused) WHERE id = \(id)", logger: logger)
            guard let rule = try await Self.recurringRules(where: "r.id = '\(id.uuidString)'", on: connection, logger: logger).first else {
                throw LedgerError.notFound("recurring rule", field: "ruleId")
            }
            return rule
        }
    }

    /// Deletes a rule; the transactions it wrote stay.
    public func deleteRecurringRule(_ access: WorkspaceAccess, id: UUID) async throws {
        try await write(access) { connection in
            let rows = try await connection.query("DELETE FROM recurring_rules WHERE id = \(id) RETURNING id", logger: logger)
            for try await _ in rows { return }
            throw LedgerError.notFound("recurring rule", field: "ruleId")
        }
    }

    /// Writes every occurrence due up to `through` of the workspace's live rules as transactions, in one database
    /// transaction. Safe to repeat and to run concurrently: rules are locked, and an occurrence is unique per rule.
    /// Returns the dates written (for budget alerts).
    @discardableResult
    public func materializeRecurring(_ access: WorkspaceAccess, through: CalendarDate) async throws -> [CalendarDate] {
        try await write(access) { connection in
            let rules = try await Self.recurringRules(where: "NOT r.paused AND a.archived_at IS NULL", lock: true, on: connection, logger: logger)
            var ids: [UUID] = []
            var ruleIDs: [UUID] = []
            var indices: [Int32] = []
            var dates: [String] = []
            var written: [CalendarDate] = []
            var last: [(UUID, Int32)] = []
            for rule in rules {
                let due = rule.rule.occurrences(after: rule.materializedIndex, through: through).prefix(1_000)
                guard let final = due.last else { continue }
                for occurrence in due {
                    ids.append(UUID())
                    ruleIDs.append(rule.id)
                    indices.append(Int32(occurrence.index))
                    dates.append(occurrence.date.iso)
                    written.append(occurrence.date)
                }
                last.append((rule.id, Int32(final.index)))
            }
            guard !ids.isEmpty else { return [] }
            try await connection.query(
                """
                INSERT INTO transactions (id, kind, account_id, date, amount, currency, payee, description, category_id, status, source,
                                          recurring_rule_id, recurring_index, created_by, updated_by)
                SELECT o.id, r.kind, r.account_id, o.day, r.amount, a.currency, r.payee, r.description, r.category_id, 'CLEARED', 'RECURRING',
                       r.id, o.index, \(access.userID), \(access.userID)
                FROM unnest(\(ids)::uuid[], \(ruleIDs)::uuid[], \(indices)::int4[], \(dates)::date[]) AS o (id, rule_id, index, day)
                JOIN recurring_rules r ON r.id = o.rule_id JOIN accounts a ON a.id = r.account_id
                ON CONFLICT (recurring_rule_id, recurring_index) WHERE recurring_rule_id IS NOT NULL DO NOTHING
                """, logger: logger)
            try await connection.query(
                """
                UPDATE recurring_rules r SET materialized_index = l.index
                FROM unnest(\(last.map(\.0))::uuid[], \(last.map(\.1))::int4[]) AS l (id, index) WHERE r.id = l.id
                """, logger: logger)
            return written
        }
    }
}
