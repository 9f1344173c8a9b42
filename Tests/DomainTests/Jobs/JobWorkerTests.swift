import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// The queue and its workers on the real database: claims with SKIP LOCKED, leases, backoff, dead jobs and retries.
@Suite struct JobWorkerTests {
    @Test func twoWorkersRunEveryJobExactlyOnce() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let kind = uniqueJobKind("once")
        let count = 300
        var ids: [Int64] = []
        for index in 0..<count {
            ids.append(try #require(try await queue.enqueue(try NewJob(kind: kind, payload: RecordingHandler.Payload(index: index)))))
        }
        let log = RunLog()
        var registry = JobRegistry()
        registry.register(RecordingHandler(kind: kind, log: log))
        let workers = ["worker-a", "worker-b"].map { name in
            JobWorker(
                queue: queue, registry: registry,
                settings: JobWorkerSettings(name: "\(name)-\(kind)", concurrency: 4, idleInterval: .milliseconds(20)), logger: TestStack.logger)
        }
        let running = workers.map { worker in Task { await worker.run() } }
        // Wait until the queue says every job succeeded (bounded, so a broken worker fails the test instead of hanging).
        var succeeded = 0
        var polls = 0
        while succeeded < count && polls < 1_200 {
            try await Task.sleep(for: .milliseconds(50))
            succeeded = try await JobSQL.count(database, "SELECT count(*) FROM control.jobs WHERE kind = \(kind) AND state = 'succeeded'")
            polls += 1
        }
        for task in running { task.cancel() }
        for task in running { await task.value }

        #expect(succeeded == count)
        let runs = log.byJob
        #expect(Set(runs.keys) == Set(ids), "every job ran")
        #expect(runs.values.allSatisfy { $0.count == 1 }, "no job ran twice: \(runs.filter { $0.value.count > 1 })")
        let byWorker = Dictionary(grouping: runs.values.flatMap { $0 }, by: { $0 }).mapValues(\.count)
        #expect(byWorker.count == 2, "both workers claimed jobs: \(byWorker)")
        #expect(try await JobSQL.count(database, "SELECT count(*) FROM control.jobs WHERE kind = \(kind) AND attempts <> 1") == 0)
    }

    @Test func aFailingJobBacksOffThenDiesAndARetryQueuesItAgain() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let kind = uniqueJobKind("fail")
        let id = try #require(try await queue.enqueue(NewJob(kind: kind, maxAttempts: 3)))
        let log = RunLog()
        var registry = JobRegistry()
        registry.register(FailingHandler(kind: kind, log: log))
        let policy = JobRetryPolicy(base: .seconds(10), cap: .seconds(3600), jitter: 0.5)
        let worker = JobWorker(
            queue: queue, registry: registry, settings: JobWorkerSettings(name: "fail-\(kind)", retryPolicy: policy), logger: TestStack.logger)

        for attempt in 1...2 {
            let before = try await JobSQL.now(database)
            #expect(try await worker.runDue() == 1)
            let after = try await JobSQL.now(database)
            let job = try #require(try await queue.job(id: id))
            #expect(job.state == .queued && job.attempts == attempt)
            #expect(job.lastError == "the ledger service said no")
            // Backoff base × 2^(attempt − 1), less up to half of it at random.
            let full = 10.0 * Double(1 << (attempt - 1))
            #expect(job.runAt >= before.addingTimeInterval(full * 0.5 - 0.01) && job.runAt <= after.addingTimeInterval(full + 0.01),
                    "attempt \(attempt): run_at \(job.runAt) not \(full * 0.5)-\(full) s after \(before)")
            #expect(try await worker.runDue() == 0, "not due during its backoff")
            // Time passes: the backoff is over.
            try await JobSQL.run(database, "UPDATE control.jobs SET run_at = now() WHERE id = \(id)")
        }
        #expect(try await worker.runDue() == 1)
        let dead = try #require(try await queue.job(id: id))
        #expect(dead.state == .dead && dead.attempts == 3 && dead.finishedAt != nil)
        #expect(log.byJob[id]?.count == 3)

        let admin = try await JobFixture.user(database, role: .admin)
        let administration = JobAdministration(database: database, logger: TestStack.logger)
        let listed = try await administration.jobs(actor: admin, state: .dead, first: 100, after: nil)
        #expect(listed.items.contains { $0.item.id == id && $0.item.lastError == "the ledger service said no" })
        let retried = try await administration.retry(actor: admin, id: String(id), origin: .system)
        #expect(retried.state == .queued && retried.attempts == 0 && retried.finishedAt == nil)
        await #expect(throws: JobAdminError.self) { try await administration.retry(actor: admin, id: String(id), origin: .system) }
        #expect(try await worker.runDue() == 1, "the retried job runs again")
        #expect(log.byJob[id]?.count == 4)
        #expect(try await JobSQL.count(database, """
            SELECT count(*) FROM control.audit_log WHERE action = 'admin.job_retried' AND target_id = \(String(id)) AND actor_user_id = \(admin.id)
            """) == 1)

        let user = try await JobFixture.user(database, role: .user)
        await #expect(throws: JobAdminError.self) { try await administration.jobs(actor: user, state: .dead, first: 10, after: nil) }
        await #expect(throws: JobAdminError.self) { try await administration.retry(actor: user, id: String(id), origin: .system) }
    }

    @Test func aPermanentFailureOrAnUnknownPayloadDiesAtOnce() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let kind = uniqueJobKind("payload")
        var registry = JobRegistry()
        registry.register(RecordingHandler(kind: kind, log: RunLog()))
        let id = try #require(try await queue.enqueue(NewJob(kind: kind, payload: #"{"index": "not a number"}"#, maxAttempts: 5)))
        let worker = JobWorker(queue: queue, registry: registry, settings: JobWorkerSettings(name: "payload-\(kind)"), logger: TestStack.logger)
        #expect(try await worker.runDue() == 1)
        let job = try #require(try await queue.job(id: id))
        #expect(job.state == .dead && job.attempts == 1)
        #expect(job.lastError?.contains("does not fit \(kind)") == true, "\(job.lastError ?? "")")
    }

    @Test func anExpiredLeaseIsTakenBackAndTheLateWorkerCannotFinishIt() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let kind = uniqueJobKind("lease")
        let id = try #require(try await queue.enqueue(try NewJob(kind: kind, payload: RecordingHandler.Payload(index: 1), maxAttempts: 3)))
        // A worker claims the job, then dies: nothing renews its lease.
        let crashed = try await queue.claim(kinds: [kind], limit: 10, worker: "crashed-\(kind)", lease: .seconds(30))
        #expect(crashed.map(\.id) == [id])
        #expect(try await queue.reclaimExpiredLeases().contains { $0.id == id } == false, "a live lease is left alone")
        // Its lease runs out.
        try await JobSQL.run(database, "UPDATE control.jobs SET locked_until = now() - interval '1 second' WHERE id = \(id)")
        // Any worker's reclaim takes it back (other suites' workers reclaim too, so look at the job, not at who did).
        _ = try await queue.reclaimExpiredLeases()
        let reclaimed = try #require(try await queue.job(id: id))
        #expect(reclaimed.state == .queued)
        #expect(reclaimed.lastError?.contains("crashed-\(kind)") == true)

        let log = RunLog()
        var registry = JobRegistry()
        registry.register(RecordingHandler(kind: kind, log: log))
        let worker = JobWorker(queue: queue, registry: registry, settings: JobWorkerSettings(name: "healthy-\(kind)"), logger: TestStack.logger)
        #expect(try await worker.runDue() == 1)
        #expect(log.byJob[id] == ["healthy-\(kind)"])
        let job = try #require(try await queue.job(id: id))
        #expect(job.state == .succeeded && job.attempts == 2)
        // The crashed worker comes back and reports: its claim no longer holds.
        #expect(try await queue.complete(crashed[0], worker: "crashed-\(kind)") == false)
        #expect(try await queue.fail(crashed[0], worker: "crashed-\(kind)", error: "late", retryAfter: .seconds(1)) == nil)
        #expect(try #require(try await queue.job(id: id)).state == .succeeded)

        // A claim that was the last attempt goes dead when its lease runs out.
        let last = try #require(try await queue.enqueue(NewJob(kind: kind, maxAttempts: 1)))
        _ = try await queue.claim(kinds: [kind], limit: 1, worker: "crashed-\(kind)", lease: .seconds(30))
        try await JobSQL.run(database, "UPDATE control.jobs SET locked_until = now() - interval '1 second' WHERE id = \(last)")
        _ = try await queue.reclaimExpiredLeases()
        #expect(try await queue.job(id: last)?.state == .dead)
    }

    @Test func aWorkerRenewsTheLeaseOfALongJob() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let kind = uniqueJobKind("renew")
        let id = try #require(try await queue.enqueue(try NewJob(kind: kind, payload: RecordingHandler.Payload(index: 1))))
        // A lease long enough that no other suite's reclaimer takes the job while this test runs on a loaded machine.
        let claimed = try await queue.claim(kinds: [kind], limit: 1, worker: "w-\(kind)", lease: .seconds(120))
        let first = try #require(claimed.first?.lockedUntil)
        #expect(try await queue.extendLeases(ids: [id], worker: "w-\(kind)", lease: .seconds(3600)) == 1)
        #expect(try await queue.extendLeases(ids: [id], worker: "someone-else", lease: .seconds(3600)) == 0)
        let renewed = try #require(try await queue.job(id: id)?.lockedUntil)
        #expect(renewed > first.addingTimeInterval(3000))
    }

    @Test func aUniqueKeyKeepsOnePendingJob() async throws {
        let database = try await TestStack.database()
        let queue = JobQueue(database: database, logger: TestStack.logger)
        let kind = uniqueJobKind("unique")
        let first = try await queue.enqueue(NewJob(kind: kind, uniqueKey: kind))
        #expect(first != nil)
        #expect(try await queue.enqueue(NewJob(kind: kind, uniqueKey: kind)) == nil, "a queued twin exists")
        _ = try await queue.claim(kinds: [kind], limit: 1, worker: "u-\(kind)", lease: .seconds(30))
        #expect(try await queue.enqueue(NewJob(kind: kind, uniqueKey: kind)) == nil, "a running twin exists")
        let claimed = try #require(try await queue.job(id: first!))
        #expect(try await queue.complete(claimed, worker: "u-\(kind)"))
        #expect(try await queue.enqueue(NewJob(kind: kind, uniqueKey: kind)) != nil, "the twin is done")
    }

    @Test func badJobsAreRefusedWithTheirReason() async throws {
        let queue = JobQueue(database: try await TestStack.database(), logger: TestStack.logger)
        await #expect(throws: JobQueueError.badKind("Send Mail")) { try await queue.enqueue(NewJob(kind: "Send Mail")) }
        await #expect(throws: JobQueueError.badMaxAttempts(0)) { try await queue.enqueue(NewJob(kind: "test.x", maxAttempts: 0)) }
        await #expect(throws: JobQueueError.self) { try await queue.enqueue(NewJob(kind: "test.x", payload: "[1, 2]")) }
        await #expect(throws: JobQueueError.badPageSize(0)) { try await queue.list(state: .dead, first: 0, beforeID: nil) }
    }

    @Test func backoffDoublesUpToTheCapAndJitterOnlyShortensIt() {
        let policy = JobRetryPolicy(base: .seconds(10), cap: .seconds(60), jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, random: 0) == .seconds(10))
        #expect(policy.delay(afterAttempt: 2, random: 0) == .seconds(20))
        #expect(policy.delay(afterAttempt: 3, random: 0) == .seconds(40))
        #expect(policy.delay(afterAttempt: 4, random: 0) == .seconds(60))
        #expect(policy.delay(afterAttempt: 90, random: 0) == .seconds(60))
        #expect(policy.delay(afterAttempt: 2, random: 0.999_999) >= .seconds(10))
        #expect(policy.delay(afterAttempt: 2, random: 0.5) == .seconds(15))
        for attempt in 1...10 {
            let delay = policy.delay(afterAttempt: attempt)
            #expect(delay >= .seconds(5) && delay <= .seconds(60))
        }
    }
}

enum JobFixture {
    /// A user with a platform role, inserted directly (the identity flows are tested elsewhere).
    static func user(_ database: Database, role: PlatformRole) async throws -> User {
        let id = UUID()
        let email = TestStack.uniqueEmail("jobs")
        try await database.withControlTransaction { connection in
            try await connection.query(
                "INSERT INTO control.users (id, email, display_name, platform_role) VALUES (\(id), \(email), 'Jobs', \(role.rawValue))",
                logger: TestStack.logger)
        }
        return User(id: id, email: email, displayName: "Jobs", platformRole: role, isBusiness: false, emailVerifiedAt: nil, disabledAt: nil, createdAt: Date())
    }
}
