import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence

/// `budgetai materialize-recurring`: writes the due occurrences of every workspace's recurring rules as transactions
/// and records the budget thresholds they cross, notifying the workspaces' owners and admins. Safe to run again (and
/// from cron) until the job scheduler exists.
struct MaterializeRecurringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "materialize-recurring",
        abstract: "Write every recurring transaction due up to a day (today by default) in every workspace; repeatable."
    )

    @Option(help: "The last day to materialise, YYYY-MM-DD (default: today, UTC).")
    var through: String?

    @Option(help: "Only this workspace (its id); every workspace when left out.")
    var workspace: String?

    /// The actor recorded for transactions the command writes: no person, the system.
    static let systemActor = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    func run() async throws {
        let today = CalendarDate.today
        guard let day = through.map({ CalendarDate(iso: $0) }) ?? today else {
            throw ValidationError("--through must be a day as YYYY-MM-DD, not \(through ?? "")")
        }
        let only = try workspace.map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw ValidationError("--workspace must be a workspace id, not \(text)") }
            return id
        }
        let (configuration, logger) = try startUp(label: "budgetai.recurring")
        let migrations = try loadMigrations(configuration)
        let outcome: Result<String, ExitCode> = try await Database.withRunning(settings: configuration.database, logger: logger) { database in
            do {
                let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: migrations.tenant, logger: logger)
                let ledger = LedgerService(database: database, logger: logger)
                let budgets = BudgetService(ledger: ledger, logger: logger)
                // No subscribers in this process: the rows are what counts, clients read them with `notifications`.
                let notifications = NotificationService(
                    database: database, publisher: LocalEventBus(), publicBaseURL: configuration.publicBaseURL, logger: logger)
                var written = 0
                var touched = 0
                for workspace in try await provisioner.listWorkspaces() where only == nil || workspace.id == only {
                    let info = WorkspaceInfo(id: workspace.id, kind: workspace.kind, name: "", plan: workspace.plan, schema: workspace.schema, createdAt: workspace.createdAt)
                    let access = WorkspaceAccess(workspace: info, userID: Self.systemActor, role: .owner, grantID: nil)
                    let dates = try await ledger.materializeRecurring(access, through: day)
                    guard !dates.isEmpty else { continue }
                    written += dates.count
                    touched += 1
                    let alerts = try await budgets.recordThresholdCrossings(access, dates: Set(dates), today: today)
                    await notifications.budgetThresholdsCrossed(alerts, access: access, budgets: budgets)
                }
                return .success("materialised \(written) recurring transactions in \(touched) workspaces, through \(day.iso)")
            } catch {
                return .failure(fail(error))
            }
        }
        switch outcome {
        case .success(let line): print(line)
        case .failure(let exit): throw exit
        }
    }
}
