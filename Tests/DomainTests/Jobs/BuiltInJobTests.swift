import Domain
import Foundation
import Persistence
import PostgresNIO
import Synchronization
import Testing
import TestSupport

/// The periodic jobs' handlers on the real database, each limited to its own workspace where the payload allows it.
@Suite struct BuiltInJobTests {
    static func context(_ kind: String) -> JobContext {
        JobContext(jobID: 0, kind: kind, attempt: 1, maxAttempts: 5, worker: "test", logger: TestStack.logger)
    }

    @Test func recurringTransactionsAreMaterialisedOnceThroughToday() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let today = CalendarDate.today
        _ = try await fixture.ledger.createRecurringRule(fixture.access, RecurringInput(
            accountID: account.id, kind: .expense, amount: "12", payee: "Gym", frequency: .weekly, start: today.adding(days: -14)))
        let job = MaterializeRecurringJob(materializer: RecurringMaterializer(ledger: fixture.ledger, logger: TestStack.logger))
        let payload = MaterializeRecurringJob.Payload(workspaceId: fixture.access.workspace.id)
        try await job.run(payload, context: Self.context(MaterializeRecurringJob.kind))
        #expect(try await fixture.ledger.countTransactions(fixture.access, filter: TransactionFilter(sources: [.recurring])) == 3)
        try await job.run(payload, context: Self.context(MaterializeRecurringJob.kind))
        #expect(try await fixture.ledger.countTransactions(fixture.access, filter: TransactionFilter(sources: [.recurring])) == 3)
        await #expect(throws: PermanentJobFailure.self) {
            try await job.run(MaterializeRecurringJob.Payload(through: "yesterday"), context: Self.context(MaterializeRecurringJob.kind))
        }
    }

    @Test func theRolloverSettlesThresholdsOfAPeriodThatJustEnded() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let today = CalendarDate.today
        // Weekly periods: [today-14, today-8], [today-7, today-1], [today, today+6].
        let budget = try await fixture.budgets.createBudget(fixture.access, BudgetInput(
            name: "Weekly", period: .weekly, anchor: today.adding(days: -14), amount: "100"), today: today)
        // Spending written without the API's recording (as a bulk path or an SQL fix would): no alert yet.
        try await fixture.expense("90", on: today.adding(days: -7).iso, account: account)
        #expect(try await fixture.budgets.alerts(fixture.access, budgetID: budget.id).isEmpty)

        let recorded = AlertLog()
        let job = BudgetPeriodRolloverJob(budgets: fixture.budgets, alertsRecorded: { alerts, access in recorded.add(alerts, access) })
        let workspace = fixture.access.workspace.id
        try await job.run(BudgetPeriodRolloverJob.Payload(lookbackDays: 0, workspaceId: workspace), context: Self.context(BudgetPeriodRolloverJob.kind))
        #expect(try await fixture.budgets.alerts(fixture.access, budgetID: budget.id).isEmpty, "today's period alone crossed nothing")

        try await job.run(BudgetPeriodRolloverJob.Payload(workspaceId: workspace), context: Self.context(BudgetPeriodRolloverJob.kind))
        let alerts = try await fixture.budgets.alerts(fixture.access, budgetID: budget.id)
        #expect(alerts.map(\.threshold) == [80])
        #expect(alerts.first?.periodStart == today.adding(days: -7))
        #expect(alerts.first?.spent.minorUnits == 90_00)
        #expect(recorded.entries.map(\.0) == [[80]] && recorded.entries.map(\.1) == [workspace], "the hook hears of new alerts once")

        try await job.run(BudgetPeriodRolloverJob.Payload(workspaceId: workspace), context: Self.context(BudgetPeriodRolloverJob.kind))
        #expect(try await fixture.budgets.alerts(fixture.access, budgetID: budget.id).count == 1, "recorded once")
        #expect(recorded.entries.count == 1)
    }

    @Test func theCleanUpDeletesWhatOutlivedItsUseAndKeepsTheRest() async throws {
        let database = try await TestStack.database()
        let user = try await JobFixture.user(database, role: .user)
        let marker = UUID().uuidString
        let old = Date().addingTimeInterval(-40 * 86_400), recent = Date().addingTimeInterval(-2 * 86_400), ancient = Date().addingTimeInterval(-100 * 86_400)
        let sessions = (expiredLongAgo: UUID(), revokedLongAgo: UUID(), expiredRecently: UUID(), live: UUID())
        let kind = uniqueJobKind("cleanup")
        try await database.withControlTransaction { connection in
            func run(_ query: PostgresQuery) async throws { try await connection.query(query, logger: TestStack.logger) }
            try await run("INSERT INTO control.sessions (id, user_id, expires_at) VALUES (\(sessions.expiredLongAgo), \(user.id), \(old))")
            try await run("""
                INSERT INTO control.sessions (id, user_id, expires_at, revoked_at) VALUES (\(sessions.revokedLongAgo), \(user.id), now() + interval '1 day', \(old))
                """)
            try await run("INSERT INTO control.sessions (id, user_id, expires_at) VALUES (\(sessions.expiredRecently), \(user.id), \(recent))")
            try await run("INSERT INTO control.sessions (id, user_id, expires_at) VALUES (\(sessions.live), \(user.id), now() + interval '1 day')")
            try await run("""
                INSERT INTO control.refresh_tokens (token_hash, session_id, expires_at) VALUES
                    (sha256(\("rt-expired-" + marker)::bytea), \(sessions.live), \(recent)),
                    (sha256(\("rt-live-" + marker)::bytea), \(sessions.live), now() + interval '1 day')
                """)
            for table in ["email_verification_tokens", "password_reset_tokens"] {
                try await run(PostgresQuery(unsafeSQL: """
                    INSERT INTO control.\(table) (token_hash, user_id, expires_at, used_at) VALUES
                        (sha256(('used-' || $1)::bytea), $2, now() + interval '1 day', $3),
                        (sha256(('expired-' || $1)::bytea), $2, $3, NULL),
                        (sha256(('fresh-' || $1)::bytea), $2, now() + interval '1 day', NULL)
                    """, binds: try Self.binds(marker, user.id, recent)))
            }
            try await run("""
                INSERT INTO control.login_attempts (user_id, email_hash, success, at) VALUES
                    (\(user.id), sha256(\(marker)::bytea), false, \(ancient)), (\(user.id), sha256(\(marker)::bytea), true, now())
                """)
            try await run("""
                INSERT INTO control.mail_outbox (to_address, template, subject, text_body, sent_at, created_at) VALUES
                    (\(user.email), 'cleanup_old_sent', 's', \(marker), \(old), \(old)),
                    (\(user.email), 'cleanup_new_sent', 's', \(marker), now(), now()),
                    (\(user.email), 'cleanup_old_unsent', 's', \(marker), NULL, \(old))
                """)
            try await run("""
                INSERT INTO control.jobs (kind, state, finished_at, payload) VALUES
                    (\(kind), 'succeeded', now() - interval '8 days', '{"case": "old succeeded"}'),
                    (\(kind), 'dead', now() - interval '8 days', '{"case": "recent dead"}'),
                    (\(kind), 'dead', now() - interval '40 days', '{"case": "old dead"}'),
                    (\(kind), 'queued', NULL, '{"case": "queued"}')
                """)
        }

        let deleted = try await CleanupJob(database: database).clean(logger: TestStack.logger)
        for table in ["sessions", "refresh_tokens", "email_verification_tokens", "password_reset_tokens", "login_attempts", "mail_outbox", "jobs"] {
            #expect((deleted[table] ?? 0) >= 1, "\(table): \(deleted)")
        }
        let remaining = try await JobSQL.strings(database, "SELECT id::text FROM control.sessions WHERE user_id = \(user.id) ORDER BY id")
        #expect(Set(remaining) == Set([sessions.expiredRecently, sessions.live].map { $0.uuidString.lowercased() }))
        #expect(try await JobSQL.count(database, "SELECT count(*) FROM control.refresh_tokens WHERE token_hash = sha256(\("rt-live-" + marker)::bytea)") == 1)
        #expect(try await JobSQL.count(database, "SELECT count(*) FROM control.refresh_tokens WHERE token_hash = sha256(\("rt-expired-" + marker)::bytea)") == 0)
        for table in ["email_verification_tokens", "password_reset_tokens"] {
            let kept = try await JobSQL.count(database, PostgresQuery(unsafeSQL: "SELECT count(*) FROM control.\(table) WHERE user_id = $1", binds: try Self.binds(user.id)))
            #expect(kept == 1, "\(table): only the fresh token stays")
        }
        #expect(try await JobSQL.count(database, "SELECT count(*) FROM control.login_attempts WHERE user_id = \(user.id)") == 1)
        #expect(try await JobSQL.strings(database, "SELECT template FROM control.mail_outbox WHERE text_body = \(marker) ORDER BY template")
            == ["cleanup_new_sent", "cleanup_old_unsent"])
        #expect(try await JobSQL.strings(database, "SELECT payload->>'case' FROM control.jobs WHERE kind = \(kind) ORDER BY 1") == ["queued", "recent dead"])
    }

    /// The migrations end with a probe of this test's own, so other tests' provisioners (the usual migrations) never
    /// take these warm entries, and the probe's table shows that a workspace was made from one.
    @Test func theWarmPoolJobBuildsWorkspacesAhead() async throws {
        let database = try await TestStack.database()
        let probe = Migration(scope: .tenant, version: 9_999, name: "warm_pool_probe", sql: "CREATE TABLE warm_pool_probe (id integer);")
        let provisioner = WorkspaceProvisioner(
            database: database, tenantMigrations: try TestStack.migrations().tenant + [probe], rolePoolBatch: 2, logger: TestStack.logger)
        let job = WarmWorkspacePoolJob(provisioner: provisioner, target: 2)
        try await job.run(NoPayload(), context: Self.context(WarmWorkspacePoolJob.kind))
        #expect(try await provisioner.warmPoolCount() == 2)
        try await job.run(NoPayload(), context: Self.context(WarmWorkspacePoolJob.kind))
        #expect(try await provisioner.warmPoolCount() == 2, "topped up to its target, not beyond")

        let workspace = try await provisioner.createWorkspace(kind: .personal)
        #expect(try await provisioner.warmPoolCount() == 1)
        let probed = try await database.withWorkspaceTransaction(workspace.schema) { connection in
            var exists = false
            for try await value in try await connection.query("SELECT to_regclass('warm_pool_probe') IS NOT NULL", logger: TestStack.logger).decode(Bool.self) {
                exists = value
            }
            return exists
        }
        #expect(probed)
        try await provisioner.dropWorkspace(id: workspace.id)
        // The entry left stays for the next run of this test (the shared database keeps its pool).
    }

    static func binds(_ values: any PostgresEncodable...) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value, context: .default) }
        return bindings
    }
}

/// What a budget-alerts hook was told.
final class AlertLog: Sendable {
    private let log = Mutex<[([Int], UUID)]>([])

    func add(_ alerts: [BudgetAlert], _ access: WorkspaceAccess) {
        log.withLock { $0.append((alerts.map(\.threshold), access.workspace.id)) }
    }

    var entries: [([Int], UUID)] { log.withLock { $0 } }
}
