import Foundation
import Logging
import Persistence

/// The jobs Budget AI runs and when: the one place that lists the handlers and the periodic schedules. To add a job
/// (bill reminders, say), write a `JobHandler`, register it in `registry`, and give it a schedule in `schedules`
/// when it is periodic; `budgetai worker` and `serve` pick both up.
public enum BuiltInJobs {
    /// What the built-in handlers need.
    public struct Dependencies: Sendable {
        public let database: Database
        public let ledger: LedgerService
        /// The SMTP sender; nil when SMTP_URL is not set (mail then stays in the outbox).
        public let mailDelivery: MailDelivery?
        /// Told about budget alerts the jobs record (notifications plug in here); nil: recorded only.
        public let budgetAlertsRecorded: BudgetAlertsRecorded?
        /// Bill reminders.
        public let notifications: NotificationService
        /// Warms the pool of workspaces.
        public let provisioner: WorkspaceProvisioner
        /// Warm pooled workspaces to keep (WORKSPACE_POOL_SIZE); 0: none.
        public let workspacePoolSize: Int
        public let logger: Logger

        /// The dependencies of the built-in handlers.
        public init(
            database: Database, ledger: LedgerService, mailDelivery: MailDelivery?, budgetAlertsRecorded: BudgetAlertsRecorded? = nil,
            notifications: NotificationService, provisioner: WorkspaceProvisioner, workspacePoolSize: Int, logger: Logger
        ) {
            self.database = database
            self.ledger = ledger
            self.mailDelivery = mailDelivery
            self.budgetAlertsRecorded = budgetAlertsRecorded
            self.notifications = notifications
            self.provisioner = provisioner
            self.workspacePoolSize = workspacePoolSize
            self.logger = logger
        }
    }

    /// Every built-in handler.
    public static func registry(_ dependencies: Dependencies) -> JobRegistry {
        var registry = JobRegistry()
        registry.register(MailDeliveryJob(delivery: dependencies.mailDelivery))
        registry.register(MaterializeRecurringJob(materializer: RecurringMaterializer(
            ledger: dependencies.ledger, alertsRecorded: dependencies.budgetAlertsRecorded, logger: dependencies.logger)))
        registry.register(BudgetPeriodRolloverJob(
            budgets: BudgetService(ledger: dependencies.ledger, logger: dependencies.logger), alertsRecorded: dependencies.budgetAlertsRecorded))
        registry.register(CleanupJob(database: dependencies.database))
        registry.register(BillReminderJob(notifications: dependencies.notifications))
        registry.register(WarmWorkspacePoolJob(provisioner: dependencies.provisioner, target: dependencies.workspacePoolSize))
        // Register further handlers here.
        return registry
    }

    /// The periodic jobs. Mail every minute (for retries; new mail is sent at once by its own job), recurring
    /// transactions hourly (so a day's occurrences appear within an hour of midnight UTC), budget periods every six
    /// hours, bill reminders every six hours (each occurrence is reminded once), the clean-up daily, and the pool of
    /// warm workspaces topped up every minute.
    public static func schedules() throws -> [JobSchedule] {
        [
            try JobSchedule(name: "mail.deliver", every: .seconds(60), job: MailDeliveryJob.newJob()),
            try JobSchedule(name: "ledger.materialize_recurring", every: .seconds(3600), job: NewJob(kind: MaterializeRecurringJob.kind)),
            try JobSchedule(name: "budgets.period_rollover", every: .seconds(6 * 3600), job: NewJob(kind: BudgetPeriodRolloverJob.kind)),
            try JobSchedule(name: "maintenance.cleanup", every: .seconds(86_400), job: NewJob(kind: CleanupJob.kind)),
            try JobSchedule(name: "notifications.bill_reminders", every: .seconds(6 * 3600), job: NewJob(kind: BillReminderJob.kind)),
            try JobSchedule(name: "tenancy.warm_pool", every: .seconds(60), job: NewJob(kind: WarmWorkspacePoolJob.kind)),
            // Schedule further periodic jobs here.
        ]
    }
}
