import Domain
import Logging
import Persistence

/// The domain services resolvers call; one value per process, shared by every request.
public struct APIServices: Sendable {
    public let database: Database
    public let identity: IdentityService
    public let tenancy: TenancyService
    public let admin: AdminService
    /// Accounts, categories, transactions, reports, imports and exchange rates.
    public let ledger: LedgerService
    public let budgets: BudgetService
    /// Where committed changes are announced to subscriptions (in-process, or across instances through Redis).
    public let events: any EventBus
    /// In-app notifications, their preferences and producers; publishes on `events`.
    public let notifications: NotificationService
    public let logger: Logger

    /// Bundles the services; `events` defaults to an in-process bus.
    public init(
        database: Database, identity: IdentityService, tenancy: TenancyService, admin: AdminService,
        events: any EventBus = LocalEventBus(), logger: Logger
    ) {
        self.database = database
        self.identity = identity
        self.tenancy = tenancy
        self.admin = admin
        self.ledger = LedgerService(database: database, logger: logger)
        self.budgets = BudgetService(ledger: ledger, logger: logger)
        self.events = events
        self.notifications = NotificationService(database: database, publisher: events, publicBaseURL: tenancy.publicBaseURL, logger: logger)
        self.logger = logger
    }
}
