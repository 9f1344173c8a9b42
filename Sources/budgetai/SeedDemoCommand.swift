import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import PostgresNIO
import Redis

/// `budgetai seed-demo`: demo accounts and workspaces, idempotently, so a newcomer can sign in at once.
///
/// - demo@example.com: a verified USER with business status, a PERSONAL workspace, and OWNER of the BUSINESS
///   workspace "Demo Studio";
/// - admin@example.com: a verified platform ADMIN, ADMIN of Demo Studio;
/// - member@example.com: a verified USER, MEMBER of Demo Studio.
///
/// The demo user's personal workspace and Demo Studio get twelve months of transactions up to today, recurring bills,
/// transfers and budgets (`DemoLedger`), the first time only.
struct SeedDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Create the demo accounts and the Demo Studio workspace if missing; run after migrate."
    )

    static let studioName = "Demo Studio"
    static let demoPassword = "budget-ai-demo-2026"
    static let accounts: [(email: String, name: String, role: PlatformRole, studioRole: String)] = [
        ("demo@example.com", "Demo User", .user, "OWNER"),
        ("admin@example.com", "Demo Admin", .admin, "ADMIN"),
        ("member@example.com", "Demo Member", .user, "MEMBER"),
    ]

    func run() async throws {
        let (configuration, logger) = try startUp(label: "budgetai.seed")
        let migrations = try loadMigrations(configuration)
        let outcome: Result<[String], ExitCode> = try await Database.withRunning(settings: configuration.database, logger: logger) { database in
            do {
                return .success(try await seed(database: database, tenantMigrations: migrations.tenant, logger: logger))
            } catch {
                return .failure(fail(error))
            }
        }
        switch outcome {
        case .success(let lines): lines.forEach { print($0) }
        case .failure(let exit): throw exit
        }
    }

    private func seed(database: Database, tenantMigrations: [Migration], logger: Logger) async throws -> [String] {
        let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: tenantMigrations, logger: logger)
        var settings = IdentitySettings(signingKeys: .ephemeral())
        settings.passwordPolicy = .default
        let identity = IdentityService(
            database: database, provisioner: provisioner, settings: settings,
            throttle: LoginThrottle(redis: nil, logger: logger), logger: logger)
        var lines: [String] = []
        var ids: [String: UUID] = [:]
        for account in Self.accounts {
            let existing = try await Self.userID(email: account.email, database: database, logger: logger)
            if existing == nil {
                _ = try await identity.register(email: account.email, password: Self.demoPassword, displayName: account.name, origin: .system)
            }
            guard let id = try await Self.userID(email: account.email, database: database, logger: logger) else {
                throw ValidationError("the demo account \(account.email) was not created")
            }
            ids[account.email] = id
            try await database.withControlTransaction { connection in
                try await connection.query(
                    """
                    UPDATE control.users SET email_verified_at = coalesce(email_verified_at, now()), is_business = true,
                        platform_role = \(account.role.rawValue), disabled_at = NULL
                    WHERE id = \(id)
                    """, logger: logger)
            }
            lines.append("demo account \(existing == nil ? "created" : "already present"): \(account.email) / \(Self.demoPassword) (\(account.role.rawValue))")
        }
        // Found by owner and name, not by a fixed id: workspace roles are cluster-wide, so a fixed id could not be
        // seeded into two databases of one cluster (the dev and the benchmark databases, say).
        let owner = try await identity.user(id: ids[Self.accounts[0].email]!)!
        var studio = try await Self.studioID(ownerID: owner.id, database: database, logger: logger)
        let created = studio == nil
        if studio == nil {
            let tenancy = TenancyService(database: database, provisioner: provisioner, logger: logger)
            studio = try await tenancy.createWorkspace(creator: owner, name: Self.studioName, kind: .business, origin: .system).id
        }
        let studioID = studio!
        try await database.withControlTransaction { connection in
            for account in Self.accounts {
                try await connection.query(
                    """
                    INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(studioID), \(ids[account.email]!), \(account.studioRole))
                    ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role
                    """, logger: logger)
            }
        }
        try await database.withWorkspaceTransaction(WorkspaceSchemaName(workspaceID: studioID)) { connection in
            for (key, value) in [("currency", "USD"), ("locale", "en-US"), ("week_start", "monday")] {
                _ = try await TenancyService.upsertSetting(key: key, value: value, on: connection, logger: logger)
            }
        }
        lines.append("demo workspace \(created ? "created" : "already present"): \(Self.studioName), id \(studioID.uuidString.lowercased()), kind BUSINESS")
        lines += try await seedLedgers(database: database, provisioner: provisioner, ownerID: owner.id, studioID: studioID, memberIDs: Self.accounts.map { ids[$0.email]! }, logger: logger)
        return lines
    }

    /// Twelve months of books for the demo user's personal workspace and for Demo Studio, when they have none yet.
    private func seedLedgers(
        database: Database, provisioner: WorkspaceProvisioner, ownerID: UUID, studioID: UUID, memberIDs: [UUID], logger: Logger
    ) async throws -> [String] {
        let tenancy = TenancyService(database: database, provisioner: provisioner, logger: logger)
        let ledger = LedgerService(database: database, logger: logger)
        let demo = DemoLedger(ledger: ledger, budgets: BudgetService(ledger: ledger, logger: logger), today: CalendarDate.today)
        var lines: [String] = []
        let personal = try await database.client.query(
            "SELECT w.id FROM control.workspaces w JOIN control.memberships m ON m.workspace_id = w.id WHERE m.user_id = \(ownerID) AND w.kind = 'PERSONAL'",
            logger: logger)
        var personalID: UUID?
        for try await id in personal.decode(UUID.self) { personalID = id }
        if let personalID, let access = try await tenancy.access(userID: ownerID, workspaceID: personalID) {
            let written = try await demo.seedPersonal(access)
            lines.append(written > 0 ? "demo books: \(written) transactions in the personal workspace of \(Self.accounts[0].email)" : "demo books already present (personal)")
        }
        var accesses: [WorkspaceAccess] = []
        for id in memberIDs { if let access = try await tenancy.access(userID: id, workspaceID: studioID) { accesses.append(access) } }
        if let owner = accesses.first {
            let written = try await demo.seedBusiness(owner, members: accesses)
            lines.append(written > 0 ? "demo books: \(written) transactions in \(Self.studioName)" : "demo books already present (\(Self.studioName))")
        }
        return lines
    }

    /// The BUSINESS workspace named Demo Studio that the demo user owns.
    static func studioID(ownerID: UUID, database: Database, logger: Logger) async throws -> UUID? {
        let rows = try await database.client.query(
            """
            SELECT w.id FROM control.workspaces w JOIN control.memberships m ON m.workspace_id = w.id
            WHERE m.user_id = \(ownerID) AND m.role = 'OWNER' AND w.kind = 'BUSINESS' AND w.name = \(studioName)
            ORDER BY w.created_at LIMIT 1
            """, logger: logger)
        var id: UUID?
        for try await value in rows.decode(UUID.self) { id = value }
        return id
    }

    static func userID(email: String, database: Database, logger: Logger) async throws -> UUID? {
        let rows = try await database.client.query("SELECT id FROM control.users WHERE lower(email) = lower(\(email))", logger: logger)
        var id: UUID?
        for try await value in rows.decode(UUID.self) { id = value }
        return id
    }
}
