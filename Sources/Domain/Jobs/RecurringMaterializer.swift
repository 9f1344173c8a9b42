import Foundation
import Logging
import Persistence

/// Writes the due occurrences of recurring rules in every workspace and records the budget thresholds they cross:
/// shared by `budgetai materialize-recurring` and the daily job. Safe to repeat (an occurrence is unique per rule).
public struct RecurringMaterializer: Sendable {
    public let ledger: LedgerService
    public let budgets: BudgetService
    /// Told about the budget thresholds the new transactions crossed.
    public let alertsRecorded: BudgetAlertsRecorded?
    let logger: Logger

    /// A materializer over `ledger` and its budgets.
    public init(ledger: LedgerService, alertsRecorded: BudgetAlertsRecorded? = nil, logger: Logger) {
        self.ledger = ledger
        self.budgets = BudgetService(ledger: ledger, logger: logger)
        self.alertsRecorded = alertsRecorded
        self.logger = logger
    }

    /// What a run wrote.
    public struct Outcome: Sendable, Equatable {
        public var written = 0
        /// Workspaces that got at least one transaction.
        public var workspaces = 0
        /// Workspaces that failed, with the error; the others went on.
        public var failures: [String] = []
        public var stoppedEarly = false
    }

    /// Materialises through `day` in every workspace (or only `only`); `today` dates the threshold checks.
    public func run(through day: CalendarDate, today: CalendarDate, only: UUID? = nil, shouldStop: () -> Bool = { false }) async throws -> Outcome {
        var outcome = Outcome()
        for access in try await SystemWorkspaces.all(database: ledger.database, only: only, logger: logger) {
            if shouldStop() {
                outcome.stoppedEarly = true
                break
            }
            do {
                let dates = try await ledger.materializeRecurring(access, through: day)
                guard !dates.isEmpty else { continue }
                outcome.written += dates.count
                outcome.workspaces += 1
                let alerts = try await budgets.recordThresholdCrossings(access, dates: Set(dates), today: today)
                if !alerts.isEmpty { await alertsRecorded?(alerts, access) }
            } catch {
                outcome.failures.append("workspace \(access.workspace.id.uuidString.lowercased()): \(describeDatabaseError(error))")
            }
        }
        return outcome
    }
}
