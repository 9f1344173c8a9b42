import Logging
import Metrics
import Redis
import Synchronization

/// Redis first; while Redis cannot be reached, the in-process limiter with the same algorithm, with a warning in the
/// log and the `budgetai_rate_limit_fallback_total` counter. Every request tries Redis again (a dead connection fails
/// at once during its reconnect backoff), so Redis takes back over as soon as it answers.
public final class FailoverRateLimiter: RateLimiter {
    public let primary: RedisRateLimiter?
    public let fallback: InProcessRateLimiter
    private let logger: Logger
    private let usingFallback = Atomic<Bool>(false)
    private let fallbackDecisions = Counter(label: "budgetai_rate_limit_fallback_total")

    /// A limiter on `redis`, or only in-process when `redis` is nil (and then says so once).
    public init(redis: (any RedisClient)?, logger: Logger) {
        self.primary = redis.map { RedisRateLimiter(redis: $0) }
        self.fallback = InProcessRateLimiter()
        self.logger = logger
        if redis == nil {
            logger.warning("no Redis configured: rate limits are kept in this process only")
        }
    }

    /// Which backend decided the last request.
    public var currentBackend: RateLimitBackend { usingFallback.load(ordering: .relaxed) ? .inProcess : .redis }

    /// Admits or refuses through Redis, or in-process when Redis fails.
    public func acquire(cost: Int, from buckets: [RateLimitBucket]) async -> RateLimitDecision {
        if let primary {
            do {
                let decision = try await primary.acquire(cost: cost, from: buckets)
                if usingFallback.exchange(false, ordering: .relaxed) {
                    logger.notice("Redis answers again: rate limits are shared through Redis")
                }
                return decision
            } catch {
                if !usingFallback.exchange(true, ordering: .relaxed) {
                    logger.warning("Redis unreachable: rate limits fall back to this process", metadata: ["error": "\(error)"])
                }
            }
        }
        fallbackDecisions.increment()
        return await fallback.acquire(cost: cost, from: buckets)
    }

    /// Gives points back where they were charged.
    public func refund(points: Int, to buckets: [RateLimitBucket]) async {
        guard points > 0 else { return }
        if let primary, !usingFallback.load(ordering: .relaxed) {
            do {
                try await primary.refund(points: points, to: buckets)
                return
            } catch {
                // The charge may have gone to Redis; a lost refund only makes this request dearer, so it is not retried.
                return
            }
        }
        await fallback.refund(points: points, to: buckets)
    }
}
