/// The generic cell rate algorithm over cost points, shared by the in-process limiter and (line for line) the Lua
/// script in `RedisRateLimiter`. A bucket is one number, its theoretical arrival time (TAT): the moment it would be
/// full again. A request of `cost` moves the TAT `cost` emission intervals later; it is admitted when the TAT then lies
/// no further ahead of now than the tolerance (the whole bucket). A request is admitted only if every bucket it
/// draws from admits it, and then it is charged to all of them.
public enum GCRA {
    /// What one bucket looks like after a decision.
    public struct BucketState: Sendable, Equatable {
        /// Points left now.
        public let available: Int
        /// Microseconds until the bucket is full again.
        public let resetMicroseconds: Double
    }

    /// The outcome over all buckets: admitted or not, the wait before this cost would be admitted, each bucket's state
    /// and its new TAT (unchanged when refused).
    public struct Decision: Sendable, Equatable {
        public let admitted: Bool
        public let retryAfterMicroseconds: Double
        public let states: [BucketState]
        public let newTATs: [Double]
    }

    /// Decides a request of `cost` against buckets whose stored TATs are `tats` (nil for a bucket never used).
    public static func decide(cost: Int, policies: [RateLimitPolicy], tats: [Double?], now: Double) -> Decision {
        var admitted = true
        var retry = 0.0
        var candidates: [Double] = []
        var current: [Double] = []
        for (policy, stored) in zip(policies, tats) {
            let tat = max(stored ?? now, now)
            let candidate = tat + Double(cost) * policy.microsecondsPerPoint
            let allowAt = candidate - policy.toleranceMicroseconds
            if now < allowAt {
                admitted = false
                retry = max(retry, allowAt - now)
            }
            current.append(tat)
            candidates.append(candidate)
        }
        let final = admitted ? candidates : current
        let states = zip(policies, final).map { policy, tat in
            BucketState(
                available: max(0, Int(((policy.toleranceMicroseconds - (tat - now)) / policy.microsecondsPerPoint).rounded(.down))),
                resetMicroseconds: max(0, tat - now))
        }
        return Decision(admitted: admitted, retryAfterMicroseconds: retry, states: states, newTATs: final)
    }

    /// The TAT after giving back `points` (a request that cost less than it was charged); never earlier than now.
    public static func refund(points: Int, policy: RateLimitPolicy, tat: Double, now: Double) -> Double {
        max(now, tat - Double(points) * policy.microsecondsPerPoint)
    }
}
