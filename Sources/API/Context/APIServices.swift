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
    public let logger: Logger

    /// Bundles the services.
    public init(database: Database, identity: IdentityService, tenancy: TenancyService, admin: AdminService, logger: Logger) {
        self.database = database
        self.identity = identity
        self.tenancy = tenancy
        self.admin = admin
        self.ledger = LedgerService(database: database, logger: logger)
        self.budgets = BudgetService(ledger: ledger, logger: logger)
        self.logger = logger
    }
}
