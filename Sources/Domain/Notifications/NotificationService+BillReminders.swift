import Foundation
import Persistence
import PostgresNIO

extension NotificationService {
    /// How many workspaces a reminder run reads at the same time.
    static let reminderConcurrency = 4

    /// Reminds the owners of every workspace (or of `workspaceIDs`) of recurring expenses falling due from `asOf` to
    /// `daysAhead` days later: for each active expense rule (not paused, its account not archived), its next
    /// occurrence not yet written whose day is in that window, once per occurrence and owner (a once-key), so running
    /// it again (daily, by the scheduler) adds nothing. Each workspace's rules are read in its own scope.
    public func remindUpcomingBills(daysAhead: Int = 3, asOf: CalendarDate = .today, workspaceIDs: [UUID]? = nil) async throws -> BillReminderRun {
        guard (0...Self.maximumReminderDays).contains(daysAhead) else {
            throw NotificationError.badInput("daysAhead must be between 0 and \(Self.maximumReminderDays).", field: "daysAhead")
        }
        let last = asOf.adding(days: daysAhead)
        let (logger, publicBaseURL) = (self.logger, self.publicBaseURL)
        let rows = try await database.client.query(
            """
            SELECT id, schema_name, name FROM control.workspaces
            WHERE \(workspaceIDs)::uuid[] IS NULL OR id = ANY(\(workspaceIDs)::uuid[])
            ORDER BY created_at, id
            """, logger: logger)
        var workspaces: [(id: UUID, schema: WorkspaceSchemaName, name: String)] = []
        for try await (id, schema, name) in rows.decode((UUID, String, String).self) {
            if let schema = WorkspaceSchemaName(validating: schema) { workspaces.append((id, schema, name)) }
        }

        var due: [(workspace: UUID, workspaceName: String, bill: DueBill)] = []
        var failed: [UUID] = []
        // A sliding window of reads: a new workspace starts as soon as one finishes.
        try await withThrowingTaskGroup(of: (UUID, String, [DueBill]?).self) { group in
            var next = workspaces.makeIterator()
            func start(_ workspace: (id: UUID, schema: WorkspaceSchemaName, name: String)) {
                group.addTask {
                    do {
                        return (workspace.id, workspace.name, try await dueBills(in: workspace.schema, from: asOf, through: last))
                    } catch {
                        logger.warning("bill reminders: workspace not read", metadata: ["workspace": "\(workspace.id)", "error": "\(error)"])
                        return (workspace.id, workspace.name, nil)
                    }
                }
            }
            for _ in 0..<Self.reminderConcurrency { if let workspace = next.next() { start(workspace) } }
            for try await (id, name, bills) in group {
                if let bills { due += bills.map { (id, name, $0) } } else { failed.append(id) }
                if let workspace = next.next() { start(workspace) }
            }
        }
        guard !due.isEmpty else {
            return BillReminderRun(workspacesScanned: workspaces.count - failed.count, dueOccurrences: 0, notificationsWritten: 0, failedWorkspaces: failed)
        }

        let written = try await database.withControlTransaction { connection in
            let owners = try await connection.query(
                "SELECT workspace_id, user_id FROM control.memberships WHERE workspace_id = ANY(\(Array(Set(due.map(\.workspace))))::uuid[]) AND role = 'OWNER'",
                logger: logger)
            var ownersByWorkspace: [UUID: [UUID]] = [:]
            for try await (workspace, user) in owners.decode((UUID, UUID).self) { ownersByWorkspace[workspace, default: []].append(user) }
            let drafts = due.flatMap { item in
                (ownersByWorkspace[item.workspace] ?? []).map { owner in
                    Self.billDraft(item.bill, userID: owner, workspaceID: item.workspace, workspaceName: item.workspaceName, asOf: asOf)
                }
            }
            return try await Self.deliver(drafts, on: connection, publicBaseURL: publicBaseURL, logger: logger)
        }
        await publish(written)
        return BillReminderRun(
            workspacesScanned: workspaces.count - failed.count, dueOccurrences: due.count, notificationsWritten: written.count, failedWorkspaces: failed)
    }

    /// An occurrence of a recurring expense that falls due in the window.
    struct DueBill: Sendable {
        let rule: RecurringTemplate
        let occurrence: Occurrence
        let accountName: String
    }

    /// The active expense rules of one workspace whose next unwritten occurrence falls from `from` to `through`.
    func dueBills(in schema: WorkspaceSchemaName, from: CalendarDate, through: CalendarDate) async throws -> [DueBill] {
        let logger = self.logger
        return try await database.withWorkspaceTransaction(schema) { connection in
            let rules = try await LedgerService.recurringRules(
                where: "NOT r.paused AND a.archived_at IS NULL AND r.kind = 'EXPENSE'", on: connection, logger: logger)
            let due = rules.compactMap { rule -> (RecurringTemplate, Occurrence)? in
                // Occurrences before `from` that were never written are overdue, not upcoming: the reminder is for the
                // next one in the window.
                guard let next = rule.rule.occurrences(after: rule.materializedIndex, through: through).first(where: { $0.date >= from }) else { return nil }
                return (rule, next)
            }
            guard !due.isEmpty else { return [] }
            let rows = try await connection.query("SELECT id, name FROM accounts WHERE id = ANY(\(due.map(\.0.accountID))::uuid[])", logger: logger)
            var accounts: [UUID: String] = [:]
            for try await (id, name) in rows.decode((UUID, String).self) { accounts[id] = name }
            return due.map { DueBill(rule: $0.0, occurrence: $0.1, accountName: accounts[$0.0.accountID] ?? "") }
        }
    }

    static func billDraft(_ bill: DueBill, userID: UUID, workspaceID: UUID, workspaceName: String, asOf: CalendarDate) -> NotificationDraft {
        let days = asOf.days(until: bill.occurrence.date)
        let when = switch days {
        case 0: "today"
        case 1: "tomorrow"
        default: "in \(days) days"
        }
        let what = !bill.rule.payee.isEmpty ? bill.rule.payee : !bill.rule.description.isEmpty ? bill.rule.description : "A recurring expense"
        let amount = bill.rule.amount.negated
        return NotificationDraft(
            userID: userID, workspaceID: workspaceID, type: .billReminder, title: "\(what): \(amount) due \(when)",
            body: "\(what) (\(amount)) is due on \(bill.occurrence.date.iso)"
                + (bill.accountName.isEmpty ? "" : " from \(bill.accountName)") + ", in \(workspaceName).",
            data: [
                "ruleId": bill.rule.id.uuidString.lowercased(), "occurrence": String(bill.occurrence.index), "dueDate": bill.occurrence.date.iso,
                "amount": amount.decimalString, "currency": amount.currency.code, "accountId": bill.rule.accountID.uuidString.lowercased(),
            ],
            onceKey: "bill_reminder:\(bill.rule.id.uuidString.lowercased()):\(bill.occurrence.index)")
    }
}
