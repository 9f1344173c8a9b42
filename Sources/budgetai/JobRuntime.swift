import Domain
import Foundation
import Logging
import Persistence
import Server
import ServiceLifecycle

/// The job worker and scheduler of a process, built from the configuration; `budgetai worker` runs them alone and
/// `serve` beside the HTTP server (unless WORKER_ENABLED=false). The handlers and schedules are `BuiltInJobs`'.
struct JobRuntime {
    let worker: JobWorker
    let scheduler: JobScheduler

    /// The worker (`concurrency` jobs at a time) and scheduler over `database`; warns once when SMTP_URL is unset.
    /// Notifications the jobs create are announced on `events`; the pool of workspaces is warmed with `tenantMigrations`.
    static func make(
        configuration: AppConfiguration, database: Database, events: any EventBus, tenantMigrations: [Migration],
        concurrency: Int = 4, logger: Logger
    ) throws -> JobRuntime {
        var mailDelivery: MailDelivery?
        if let smtp = configuration.smtp {
            mailDelivery = MailDelivery(database: database, client: SMTPClient(settings: smtp, from: configuration.mailFrom), logger: logger)
        } else {
            logger.warning("SMTP_URL is not set: mail stays in control.mail_outbox until it is")
        }
        let ledger = LedgerService(database: database, logger: logger)
        let budgets = BudgetService(ledger: ledger, logger: logger)
        let notifications = NotificationService(
            database: database, publisher: events, publicBaseURL: configuration.publicBaseURL, logger: logger)
        let registry = BuiltInJobs.registry(BuiltInJobs.Dependencies(
            database: database, ledger: ledger, mailDelivery: mailDelivery,
            budgetAlertsRecorded: { alerts, access in
                _ = await notifications.budgetThresholdsCrossed(alerts, access: access, budgets: budgets)
                await events.publishBudgetAlerts(alerts, workspaceID: access.workspace.id)
            },
            notifications: notifications,
            provisioner: WorkspaceProvisioner(database: database, tenantMigrations: tenantMigrations, logger: logger),
            workspacePoolSize: configuration.workspacePoolSize, logger: logger))
        let queue = JobQueue(database: database, logger: logger)
        return JobRuntime(
            worker: JobWorker(queue: queue, registry: registry, settings: JobWorkerSettings(concurrency: concurrency), logger: logger),
            scheduler: JobScheduler(queue: queue, schedules: try BuiltInJobs.schedules(), logger: logger))
    }

    /// The worker, and the scheduler unless `withScheduler` is false, as services (the scheduler last, so a graceful
    /// shutdown stops it first and the worker then finishes its running jobs).
    func services(withScheduler: Bool = true) -> [any Service] {
        withScheduler ? [worker, scheduler] : [worker]
    }
}
