import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// A fresh workspace with an owner, and the ledger and budget services over the shared test database.
struct LedgerFixture {
    let database: Database
    let tenancy: TenancyService
    let ledger: LedgerService
    let budgets: BudgetService
    let owner: User
    let access: WorkspaceAccess

    static func make(currency: String = "USD") async throws -> LedgerFixture {
        let database = try await TestStack.database()
        let tenancy = try TenancyServiceTests.service(database)
        let owner = try await TenancyServiceTests.user(database, name: "ledger")
        let workspace = try await tenancy.createWorkspace(creator: owner, name: "Books", kind: .business, origin: .system)
        let access = try #require(try await tenancy.access(userID: owner.id, workspaceID: workspace.id))
        _ = try await tenancy.setSetting(access, key: "currency", value: currency, origin: .system)
        let ledger = LedgerService(database: database, logger: TestStack.logger)
        return LedgerFixture(
            database: database, tenancy: tenancy, ledger: ledger, budgets: BudgetService(ledger: ledger, logger: TestStack.logger),
            owner: owner, access: access)
    }

    /// An access to the same workspace with another role (the row need not exist: services trust a proven access).
    func access(as role: AccessRole) -> WorkspaceAccess {
        WorkspaceAccess(workspace: access.workspace, userID: access.userID, role: role, grantID: nil)
    }

    func account(_ name: String = "Checking", currency: String = "USD", opening: String = "0") async throws -> Account {
        try await ledger.createAccount(access, AccountInput(
            name: name, kind: .checking, currency: currency, openingBalance: opening, openingDate: CalendarDate(iso: "2026-01-01")))
    }

    func category(key: String) async throws -> Domain.Category {
        try #require(try await ledger.categories(access).first { $0.key == key })
    }

    @discardableResult
    func expense(_ amount: String, on date: String, account: Account, category: UUID? = nil, payee: String = "Shop") async throws -> LedgerTransaction {
        try await ledger.createTransaction(access, TransactionInput(
            kind: .expense, accountID: account.id, date: CalendarDate(iso: date), amount: amount, payee: payee, categoryID: category))
    }

    /// Rows of a table in the workspace's schema, counted as the workspace's own role.
    func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await database.withWorkspaceTransaction(access.workspace.schema) { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE \(condition)"), logger: TestStack.logger)
            for try await value in rows.decode(Int64.self) { return Int(value) }
            return 0
        }
    }
}

extension CalendarDate {
    init(_ iso: String) { self = CalendarDate(iso: iso)! }
}
