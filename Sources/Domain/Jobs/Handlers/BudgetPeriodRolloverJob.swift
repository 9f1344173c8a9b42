import Foundation
import Persistence

/// `budgets.period_rollover`: settles budget periods as they end. Our periods are not stored: each budget's periods
/// follow from its schedule, and what rolls over (the unspent remainder, up to the cap) is computed from the ledger
/// whenever a status is read, so nothing has to be copied into a new period. What a period's end does need is a
/// last look at its final figures: every threshold the ended period (and the new one) crossed is recorded in
/// `budget_alerts`, once per budget, period and threshold. Writes record crossings as they happen; this catches those
/// no write saw: spending that reached the budget through a path that records nothing (SQL, a failed recording after
/// commit), or exchange rates loaded after the spending. Daily by default, looking back over the last 7 days so a
/// missed run or two is caught up.
public struct BudgetPeriodRolloverJob: JobHandler {
    /// How many days back to look (default 7), and optionally one workspace (default all).
    public struct Payload: Codable, Sendable, Equatable {
        public var lookbackDays: Int?
        public var workspaceId: UUID?

        /// A look back of `lookbackDays` (7 when nil) in `workspaceId` (every workspace when nil).
        public init(lookbackDays: Int? = nil, workspaceId: UUID? = nil) {
            self.lookbackDays = lookbackDays
            self.workspaceId = workspaceId
        }
    }

    public static let kind = "budgets.period_rollover"
    public var kind: String { Self.kind }
    public let budgets: BudgetService
    /// Told about the alerts recorded.
    public let alertsRecorded: BudgetAlertsRecorded?

    /// A handler recording through `budgets`.
    public init(budgets: BudgetService, alertsRecorded: BudgetAlertsRecorded? = nil) {
        self.budgets = budgets
        self.alertsRecorded = alertsRecorded
    }

    /// Records the crossings of the periods that hold the last `lookbackDays` days; failing workspaces fail the job
    /// after the others are done.
    public func run(_ payload: Payload, context: JobContext) async throws {
        let lookback = payload.lookbackDays ?? 7
        guard (0...366).contains(lookback) else { throw PermanentJobFailure("lookbackDays must be between 0 and 366, not \(lookback)") }
        let today = CalendarDate.today
        let days = Set((0...lookback).map { today.adding(days: -$0) })
        var recorded = 0
        var failures: [String] = []
        var stoppedEarly = false
        for access in try await SystemWorkspaces.all(database: budgets.ledger.database, only: payload.workspaceId, logger: context.logger) {
            if context.shouldStop {
                stoppedEarly = true
                break
            }
            do {
                let alerts = try await budgets.recordThresholdCrossings(access, dates: days, today: today)
                recorded += alerts.count
                if !alerts.isEmpty { await alertsRecorded?(alerts, access) }
            } catch {
                failures.append("workspace \(access.workspace.id.uuidString.lowercased()): \(describeDatabaseError(error))")
            }
        }
        context.logger.info("budget periods settled", metadata: [
            "alerts_recorded": "\(recorded)", "failures": "\(failures.count)", "stopped_early": "\(stoppedEarly)",
        ])
        if let first = failures.first { throw JobStepFailures(count: failures.count, first: first) }
    }
}
