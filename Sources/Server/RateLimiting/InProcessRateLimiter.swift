import Foundation
import Synchronization

/// GCRA in this process's memory: the limiter when Redis is unreachable (each instance then limits on its own).
/// Buckets that have filled up again are forgotten, so memory stays bounded by the active callers.
public final class InProcessRateLimiter: RateLimiter {
    private let tats = Mutex<[String: Double]>([:])
    private let clock: @Sendable () -> Double

    /// A limiter reading the wall clock in microseconds (or `clock`, for tests of the arithmetic).
    public init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 * 1_000_000 }) {
        self.clock = clock
    }

    /// Admits or refuses, atomically over all buckets.
    public func acquire(cost: Int, from buckets: [RateLimitBucket]) async -> RateLimitDecision {
        let now = clock()
        let decision = tats.withLock { tats -> GCRA.Decision in
            if tats.count > 100_000 { tats = tats.filter { $0.value > now } }
            let decision = GCRA.decide(cost: cost, policies: buckets.map(\.policy), tats: buckets.map { tats[$0.key] }, now: now)
            if decision.admitted {
                for (bucket, tat) in zip(buckets, decision.newTATs) { tats[bucket.key] = tat }
            }
            return decision
        }
        return RateLimitDecision(decision, buckets: buckets, backend: .inProcess)
    }

    /// Gives `points` back to each bucket.
    public func refund(points: Int, to buckets: [RateLimitBucket]) async {
        let now = clock()
        tats.withLock { tats in
            for bucket in buckets {
                guard let tat = tats[bucket.key] else { continue }
                tats[bucket.key] = GCRA.refund(points: points, policy: bucket.policy, tat: tat, now: now)
            }
        }
    }
}
