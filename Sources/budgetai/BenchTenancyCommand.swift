import ArgumentParser
import Foundation
import Logging
import Persistence
import PostgresNIO

/// `budgetai bench-tenancy`: provisioning, migration and query figures for N workspaces (a benchmark, not a test).
struct BenchTenancyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-tenancy",
        abstract: "Provision N workspaces, migrate them all, time queries; only on a database whose name contains 'bench'."
    )

    @Option(help: "Number of workspaces to provision.")
    var workspaces = 1000

    @Option(help: "Timed transactions per latency figure.")
    var iterations = 2000

    func run() async throws {
        let (configuration, logger) = try startUp(label: "budgetai.bench")
        guard configuration.database.database.contains("bench") else {
            FileHandle.standardError.write(Data("error: DATABASE_URL names database \(configuration.database.database); bench-tenancy drops every workspace, so it only runs on a database whose name contains 'bench'\n".utf8))
            throw ExitCode(2)
        }
        guard workspaces >= 10 else { throw ValidationError("--workspaces must be at least 10") }
        let migrations = try loadMigrations(configuration)
        var settings = configuration.database
        // The migration lock, the migration workers, and the one connection every latency figure is measured on.
        settings.maximumConnections = configuration.migrationConcurrency + 2
        let bench = TenancyBenchmark(
            workspaces: workspaces, iterations: iterations, concurrency: configuration.migrationConcurrency,
            migrations: migrations, logger: logger
        )
        let failure: ExitCode? = try await Database.withRunning(settings: settings, logger: logger) { database in
            do {
                try await bench.run(database: database)
                return nil
            } catch {
                return fail(error)
            }
        }
        if let failure { throw failure }
    }
}

/// The measurements of `bench-tenancy`, in the order they are taken.
struct TenancyBenchmark: Sendable {
    let workspaces: Int
    let iterations: Int
    let concurrency: Int
    let migrations: MigrationSet
    let logger: Logger

    func run(database: Database) async throws {
        // All latency figures come from this one backend, so 10 and N workspaces are compared on the same connection.
        try await database.client.withConnection { probe in
            try await run(database: database, probe: probe)
        }
    }

    private func run(database: Database, probe: PostgresConnection) async throws {
        let runner = MigrationRunner(database: database, migrations: migrations, concurrency: concurrency, logger: logger)
        try await runner.run()
        let provisioner = WorkspaceProvisioner(database: database, tenantMigrations: migrations.tenant, logger: logger)
        let leftovers = try await provisioner.listWorkspaces()
        if !leftovers.isEmpty {
            say("dropping \(leftovers.count) workspaces left by an earlier run")
            _ = try await drop(leftovers, provisioner: provisioner)
        }
        try await provisioner.drainRolePool()
        say("bench-tenancy: \(workspaces) workspaces, \(iterations) timed transactions per figure, migration concurrency \(concurrency)")

        // The first workspaces find no warm entry and build their schema in the request (the path a request takes when
        // the pool ran dry); then the pool is warmed for all the others, which only move a row each.
        let coldCount = min(100, workspaces / 2)
        var coldTimes: [Duration] = []
        var warmTimes: [Duration] = []
        var created: [Workspace] = []
        var q10: QueryLatency?
        for index in 0..<workspaces {
            if index == coldCount {
                let cold = Stats(coldTimes)
                say("provisioning without a warm entry (\(coldCount) workspaces): mean \(ms(cold.mean)) ms, median \(ms(cold.median)) ms, p95 \(ms(cold.p95)) ms per workspace")
                let warmStart = ContinuousClock.now
                let built = try await provisioner.warmPool(target: workspaces - coldCount)
                let warming = ContinuousClock.now - warmStart
                say("warming the pool (the background job's work): \(built) schemas in \(seconds(warming)) s, \(ms(Stats([warming]).mean / Double(max(1, built)))) ms per schema")
            }
            let start = ContinuousClock.now
            let workspace = try await provisioner.createWorkspace(kind: .personal)
            if index < coldCount { coldTimes.append(ContinuousClock.now - start) } else { warmTimes.append(ContinuousClock.now - start) }
            created.append(workspace)
            if index == 9 {
                try await seedSettings(created, database: database)
                let stats = try await queryLatency(created.prefix(10).map(\.schema), database: database, probe: probe)
                q10 = stats
                say("workspace query at 10 workspaces: \(stats.summary)")
            }
            if (index + 1) % 1000 == 0 { say("provisioned \(index + 1)/\(workspaces)") }
        }
        let provision = Stats(warmTimes)
        say("provisioning from the warm pool (\(warmTimes.count) workspaces): mean \(ms(provision.mean)) ms, median \(ms(provision.median)) ms, p95 \(ms(provision.p95)) ms per workspace")

        let next = (migrations.tenant.map(\.version).max() ?? 0) + 1
        let extra = Migration(
            scope: .tenant, version: next, name: "bench_probe",
            sql: "CREATE TABLE bench_probe (id bigint PRIMARY KEY, note text NOT NULL DEFAULT '');\nALTER TABLE workspace_settings ADD COLUMN bench_flag boolean NOT NULL DEFAULT false;"
        )
        let migrated = MigrationRunner(
            database: database,
            migrations: try MigrationSet(control: migrations.control, tenant: migrations.tenant + [extra]),
            concurrency: concurrency, logger: logger
        )
        let migrationStart = ContinuousClock.now
        let report = try await migrated.run()
        let migrationTime = ContinuousClock.now - migrationStart
        say("one new tenant migration over \(report.workspaces) workspaces: \(seconds(migrationTime)) s (\(report.workspacesChanged) changed)")

        // Every workspace gets the row the query reads, so the spread figure reads the same data as the first ten.
        try await seedSettings(Array(created.dropFirst(10)), database: database)
        let qN = try await queryLatency(created.prefix(10).map(\.schema), database: database, probe: probe)
        say("workspace query at \(workspaces) workspaces (same 10): \(qN.summary)")
        if let q10 {
            say("  at \(workspaces) / at 10: \(String(format: "%.2f", qN.query.median / q10.query.median)) raw, \(String(format: "%.2f", qN.relative / q10.relative)) relative to the plain transaction")
        }
        let spread = created.shuffled().prefix(min(iterations, created.count)).map(\.schema)
        let qSpread = try await queryLatency(spread, database: database, probe: probe)
        say("workspace query spread over \(spread.count) different workspaces: \(qSpread.summary)")

        let (plain, scoped) = try await transactionCost(created[0].schema, database: database, probe: probe)
        say("plain transaction (BEGIN; SELECT 1; COMMIT): median \(ms(plain.median)) ms")
        say("workspace transaction (BEGIN; SET LOCAL role + search_path; SELECT 1; COMMIT): median \(ms(scoped.median)) ms, ratio \(String(format: "%.2f", scoped.median / plain.median))")

        let cold = try await firstTransactionAfterRoleChange(created[0].schema, database: database, probe: probe)
        say("first workspace transaction after a role change (membership cache rebuilt), at \(workspaces) workspaces: \(ms(cold)) ms")

        let dropStart = ContinuousClock.now
        let dropped = try await drop(created, provisioner: provisioner)
        try await provisioner.drainRolePool()
        let dropTime = ContinuousClock.now - dropStart
        say("cleanup: dropped \(dropped) workspaces in \(seconds(dropTime)) s")
    }

    /// One settings row per workspace, so the timed query reads a real row.
    private func seedSettings(_ workspaces: [Workspace], database: Database) async throws {
        for workspace in workspaces {
            try await database.withWorkspaceTransaction(workspace.schema) { connection in
                try await connection.query("INSERT INTO workspace_settings (key, value) VALUES ('currency', 'USD') ON CONFLICT DO NOTHING", logger: logger)
            }
        }
    }

    /// Latency of a small query in a workspace transaction, cycling through `schemas` on one connection, with a plain
    /// `BEGIN; SELECT 1; COMMIT` interleaved as a yardstick for the machine's load at that moment.
    ///
    /// Timed in 10 rounds; the round with the lowest median is reported, so a burst of load from other processes on
    /// this shared machine does not decide the comparison between 10 and N workspaces.
    private func queryLatency(_ schemas: [WorkspaceSchemaName], database: Database, probe connection: PostgresConnection) async throws -> QueryLatency {
        let warmup = min(200, iterations)
        let logger = self.logger
        let perRound = max(1, iterations / 10)
        var best: QueryLatency?
        var index = 0
        for round in 0..<11 {
            var times: [Duration] = []
            var plainTimes: [Duration] = []
            let count = round == 0 ? warmup : perRound
            for _ in 0..<count {
                let schema = schemas[index % schemas.count]
                index += 1
                var start = ContinuousClock.now
                try await connection.inTransaction(logger: logger) { connection in
                    try await connection.enterWorkspace(schema, logger: logger)
                    let rows = try await connection.query("SELECT value FROM workspace_settings WHERE key = 'currency'", logger: logger)
                    for try await _ in rows.decode(String.self) {}
                }
                times.append(ContinuousClock.now - start)
                start = ContinuousClock.now
                try await connection.inTransaction(logger: logger) { try await $0.query("SELECT 1", logger: logger) }
                plainTimes.append(ContinuousClock.now - start)
            }
            guard round > 0 else { continue }
            let latency = QueryLatency(query: Stats(times), plain: Stats(plainTimes))
            if best == nil || latency.query.median < best!.query.median { best = latency }
        }
        return best!
    }

    /// Median cost of BEGIN; SELECT 1; COMMIT with and without entering a workspace, interleaved on one connection.
    private func transactionCost(_ schema: WorkspaceSchemaName, database: Database, probe connection: PostgresConnection) async throws -> (Stats, Stats) {
        let logger = self.logger
        let iterations = self.iterations
        do {
            var plain: [Duration] = []
            var scoped: [Duration] = []
            for index in 0..<(iterations + 200) {
                var start = ContinuousClock.now
                try await connection.inTransaction(logger: logger) { connection in
                    try await connection.query("SELECT 1", logger: logger)
                }
                if index >= 200 { plain.append(ContinuousClock.now - start) }
                start = ContinuousClock.now
                try await connection.inTransaction(logger: logger) { connection in
                    try await connection.enterWorkspace(schema, logger: logger)
                    try await connection.query("SELECT 1", logger: logger)
                }
                if index >= 200 { scoped.append(ContinuousClock.now - start) }
            }
            return (Stats(plain), Stats(scoped))
        }
    }

    /// Time of a workspace transaction right after some role was created and dropped elsewhere: every backend then
    /// rebuilds its list of the application role's memberships on its next SET ROLE.
    private func firstTransactionAfterRoleChange(_ schema: WorkspaceSchemaName, database: Database, probe connection: PostgresConnection) async throws -> Double {
        let logger = self.logger
        do {
            try await connection.inTransaction(logger: logger) { try await $0.enterWorkspace(schema, logger: logger) }
            let probe = "budgetai_bench_probe_\(UInt32.random(in: 0...UInt32.max))"
            try await database.client.withConnection { other in
                try await other.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(probe)"), logger: logger)
                try await other.query(PostgresQuery(unsafeSQL: "DROP ROLE \(probe)"), logger: logger)
            }
            let start = ContinuousClock.now
            try await connection.inTransaction(logger: logger) { try await $0.enterWorkspace(schema, logger: logger) }
            return Stats([ContinuousClock.now - start]).mean
        }
    }

    /// Drops workspaces 20 per transaction (one role change per batch, and within PostgreSQL's lock table: since the ledger a
    /// workspace holds 44 relations, 3 functions and 30 types, each locked until the dropping transaction ends).
    private func drop(_ workspaces: [Workspace], provisioner: WorkspaceProvisioner) async throws -> Int {
        var dropped = 0
        var start = 0
        while start < workspaces.count {
            let batch = workspaces[start..<min(start + 20, workspaces.count)].map(\.id)
            dropped += try await provisioner.dropWorkspaces(ids: batch)
            start += batch.count
        }
        return dropped
    }
}

/// A workspace query's latency, and a plain transaction's measured alongside it.
struct QueryLatency: Sendable {
    let query: Stats
    let plain: Stats

    /// The query's median in units of the plain transaction's median: comparable across moments of different load.
    var relative: Double { query.median / plain.median }

    var summary: String {
        "median \(ms(query.median)) ms, mean \(ms(query.mean)) ms; plain transaction alongside \(ms(plain.median)) ms, "
            + "query/plain \(String(format: "%.2f", relative)) (best of 10 rounds)"
    }
}

/// Summary of a list of durations, in milliseconds.
struct Stats: Sendable {
    let mean: Double
    let median: Double
    let p95: Double

    init(_ durations: [Duration]) {
        let values = durations.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }.sorted()
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        median = values.isEmpty ? 0 : values[values.count / 2]
        p95 = values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * 0.95))]
    }
}

func ms(_ value: Double) -> String { String(format: "%.3f", value) }

private func seconds(_ duration: Duration) -> String {
    String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
}
