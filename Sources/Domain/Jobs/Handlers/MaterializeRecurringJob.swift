import Foundation
import Persistence

/// `ledger.materialize_recurring`: writes every recurring transaction due up to today (UTC) in every workspace, and
/// the budget thresholds they cross. Daily by default; repeating it adds nothing.
public struct MaterializeRecurringJob: JobHandler {
    /// An optional last day, `YYYY-MM-DD` (default today), and optionally one workspace (default all).
    public struct Payload: Codable, Sendable, Equatable {
        public var through: String?
        public var workspaceId: UUID?

        /// Through `through` (today when nil) in `workspaceId` (every workspace when nil).
        public init(through: String? = nil, workspaceId: UUID? = nil) {
            self.through = through
            self.workspaceId = workspaceId
        }
    }

    public static let kind = "ledger.materialize_recurring"
    public var kind: String { Self.kind }
    public let materializer: RecurringMaterializer

    /// A handler writing through `materializer`.
    public init(materializer: RecurringMaterializer) {
        self.materializer = materializer
    }

    /// Materialises; failing workspaces fail the job (after the others are done), so it is retried.
    public func run(_ payload: Payload, context: JobContext) async throws {
        let today = CalendarDate.today
        guard let day = payload.through.map({ CalendarDate(iso: $0) }) ?? today else {
            throw PermanentJobFailure("through must be a day as YYYY-MM-DD, not \(payload.through ?? "")")
        }
        let outcome = try await materializer.run(through: day, today: today, only: payload.workspaceId, shouldStop: { context.shouldStop })
        context.logger.info("materialised recurring transactions", metadata: [
            "written": "\(outcome.written)", "workspaces": "\(outcome.workspaces)", "through": "\(day.iso)",
            "failures": "\(outcome.failures.count)", "stopped_early": "\(outcome.stoppedEarly)",
        ])
        if let first = outcome.failures.first {
            throw JobStepFailures(count: outcome.failures.count, first: first)
        }
    }
}

/// Some units of a job's work (workspaces) failed while the others were done; the job is retried for them.
public struct JobStepFailures: Error, Sendable, CustomStringConvertible {
    public let count: Int
    public let first: String

    public var description: String {
        count == 1 ? "1 failed: \(first)" : "\(count) failed; the first: \(first)"
    }
}
