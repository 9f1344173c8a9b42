import Foundation
import Logging
import Redis
import Synchronization
import Testing
@testable import Server

/// Many requests at once against one bucket: the limiter never admits more than the bucket plus what was restored
/// while they ran. Against the real Redis (the Lua script) and in-process alike.
@Suite struct RateLimiterConcurrencyTests {
    static let policy = RateLimitPolicy(maximumAvailable: 20, restoreRate: 5)

    /// Fires `requests` acquisitions of `cost` at once and returns (admitted cost, elapsed seconds).
    static func burst(_ limiter: any RateLimiter, requests: Int, cost: Int) async -> (Int, Double) {
        let bucket = RateLimitBucket(kind: .user, id: UUID().uuidString, policy: policy)
        let started = ContinuousClock.now
        let admitted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<requests {
                group.addTask { await limiter.acquire(cost: cost, from: [bucket]).admitted ? cost : 0 }
            }
            return await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        let (seconds, attoseconds) = elapsed.components
        return (admitted, Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// budget + burst: the whole bucket, plus the points restored during the run (rounded up), plus one point of
    /// rounding at the edges.
    static func bound(_ elapsed: Double) -> Int {
        policy.maximumAvailable + Int((elapsed * Double(policy.restoreRate)).rounded(.up)) + 1
    }

    @Test func redisNeverAdmitsMoreThanTheBucketAndItsRefill() async throws {
        let settings = try RedisSettings(url: ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:63799/0")
        let limiter = FailoverRateLimiter(redis: RedisConnectionPool(settings: settings, size: 4), logger: Logger(label: "test"))
        let (admitted, elapsed) = await Self.burst(limiter, requests: 300, cost: 1)
        #expect(admitted >= Self.policy.maximumAvailable, "the full bucket is available at first")
        #expect(admitted <= Self.bound(elapsed), "admitted \(admitted) in \(elapsed) s")
        #expect(limiter.currentBackend == .redis)
    }

    @Test func inProcessNeverAdmitsMoreThanTheBucketAndItsRefill() async {
        let (admitted, elapsed) = await Self.burst(InProcessRateLimiter(), requests: 300, cost: 2)
        #expect(admitted >= Self.policy.maximumAvailable)
        #expect(admitted <= Self.bound(elapsed), "admitted \(admitted) in \(elapsed) s")
    }

    @Test func redisAndInProcessDecideAlike() async throws {
        let settings = try RedisSettings(url: ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:63799/0")
        let redis = RedisRateLimiter(redis: RedisConnection(settings: settings))
        let local = InProcessRateLimiter()
        // A slow refill (one point a second against costs of 40), so a loaded machine's pauses hardly move the figures.
        let bucket = RateLimitBucket(kind: .workspace, id: UUID().uuidString, policy: RateLimitPolicy(maximumAvailable: 100, restoreRate: 1))
        for (cost, admitted, available) in [(40, true, 60), (40, true, 20), (40, false, 20)] {
            let fromRedis = try await redis.acquire(cost: cost, from: [bucket])
            let fromLocal = await local.acquire(cost: cost, from: [bucket])
            #expect(fromRedis.admitted == admitted && fromLocal.admitted == admitted)
            for decision in [fromRedis, fromLocal] {
                #expect((available...available + 2).contains(decision.buckets[0].currentlyAvailable), "\(decision)")
            }
            if !admitted {
                // 20 more points are needed, at one a second.
                #expect((18...20).contains(fromRedis.retryAfterSeconds) && (18...20).contains(fromLocal.retryAfterSeconds))
            }
        }
        try await redis.refund(points: 80, to: [bucket])
        #expect(try await redis.acquire(cost: 100, from: [bucket]).admitted)
    }
}
