import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// Periodic jobs shared by several schedulers through `control.job_schedules`.
@Suite struct JobSchedulerTests {
    @Test func twoSchedulersTickingTogetherEnqueueADueJobOnce() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let name = uniqueJobKind("tick")
        let schedule = try JobSchedule(name: name, every: .seconds(3600), job: NewJob(kind: name))
        // Two processes' schedulers: their own pools, the same database.
        let settings = try DatabaseSettings(url: TestStack.databaseURL, maximumConnections: 4)
        try await Database.withRunning(settings: settings, logger: TestStack.logger) { other in
            let schedulers = [
                JobScheduler(queue: queue, schedules: [schedule], logger: TestStack.logger),
                JobScheduler(queue: JobQueue(database: other, logger: TestStack.logger), schedules: [schedule], logger: TestStack.logger),
            ]
            try await schedulers[0].register()
            try await schedulers[1].register()
            let runs = try await withThrowingTaskGroup(of: [ScheduledRun].self) { group in
                for round in 0..<20 {
                    let scheduler = schedulers[round % 2]
                    group.addTask { try await scheduler.tick() }
                }
                var all: [ScheduledRun] = []
                for try await runs in group { all += runs }
                return all
            }
            #expect(runs.count == 1, "one tick of twenty enqueued it: \(runs)")
        }
        #expect(try await JobSQL.count(database, "SELECT count(*) FROM control.jobs WHERE kind = \(name)") == 1)
        let state = try #require(try await queue.scheduleState(named: name))
        let jobID = try await JobSQL.count(database, "SELECT id FROM control.jobs WHERE kind = \(name)")
        #expect(state.lastJobID.map(Int.init) == jobID)
        let now = try await JobSQL.now(database)
        #expect(state.nextRunAt > now.addingTimeInterval(3500) && state.nextRunAt <= now.addingTimeInterval(3600))

        // Not due again until the next run; then, three and a half periods late, the run that is still queued is not
        // doubled, and the clock skips the missed runs instead of firing them one after another.
        let scheduler = JobScheduler(queue: queue, schedules: [schedule], logger: TestStack.logger)
        #expect(try await scheduler.tick().isEmpty)
        try await JobSQL.run(database, "UPDATE control.job_schedules SET next_run_at = now() - interval '3.5 hours' WHERE name = \(name)")
        let late = try await scheduler.tick()
        #expect(late == [ScheduledRun(schedule: name, jobID: nil)])
        #expect(try await JobSQL.count(database, "SELECT count(*) FROM control.jobs WHERE kind = \(name)") == 1)
        let moved = try #require(try await queue.scheduleState(named: name))
        let later = try await JobSQL.now(database)
        #expect(moved.nextRunAt > later && moved.nextRunAt <= later.addingTimeInterval(1800 + 1))
        #expect(try await scheduler.tick().isEmpty)
    }

    @Test func aSchedulerRunsUntilCancelledAndRegistersItsSchedules() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let name = uniqueJobKind("loop")
        let scheduler = JobScheduler(
            queue: queue, schedules: [try JobSchedule(name: name, every: .seconds(3600), job: NewJob(kind: name))],
            tickInterval: .milliseconds(20), logger: TestStack.logger)
        let task = Task { await scheduler.run() }
        var enqueued = 0
        var polls = 0
        while enqueued == 0 && polls < 600 {
            try await Task.sleep(for: .milliseconds(50))
            enqueued = try await JobSQL.count(database, "SELECT count(*) FROM control.jobs WHERE kind = \(name)")
            polls += 1
        }
        task.cancel()
        await task.value
        #expect(enqueued == 1)
        #expect(try await queue.scheduleState(named: name) != nil)
    }

    @Test func everyBuiltInScheduleHasAHandler() async throws {
        let database = try await TestStack.database()
        let registry = BuiltInJobs.registry(BuiltInJobs.Dependencies(
            database: database, ledger: LedgerService(database: database, logger: TestStack.logger), mailDelivery: nil,
            notifications: NotificationService(database: database, publisher: LocalEventBus(), logger: TestStack.logger),
            provisioner: WorkspaceProvisioner(database: database, tenantMigrations: try TestStack.migrations().tenant, logger: TestStack.logger),
            workspacePoolSize: 0, logger: TestStack.logger))
        let schedules = try BuiltInJobs.schedules()
        #expect(Set(schedules.map(\.job.kind)).isSubset(of: Set(registry.kinds)))
        #expect(Set(schedules.map(\.name)).count == schedules.count)
        #expect(schedules.allSatisfy { $0.job.uniqueKey != nil })
        #expect(schedules.first { $0.name == "mail.deliver" }?.job.uniqueKey == MailDeliveryJob.newJob().uniqueKey)
    }
}
