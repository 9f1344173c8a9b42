/// Charges a request's cost to its buckets before it runs, and gives back what it did not use afterwards.
public protocol RateLimiter: Sendable {
    /// Admits or refuses a request of `cost` points drawn from every bucket in `buckets`.
    func acquire(cost: Int, from buckets: [RateLimitBucket]) async -> RateLimitDecision
    /// Returns `points` to the buckets (the request cost less than it was charged).
    func refund(points: Int, to buckets: [RateLimitBucket]) async
}

/// What the limiter decided, with what the response must tell the client.
public struct RateLimitDecision: Sendable, Equatable {
    public let admitted: Bool
    /// The buckets, each with the points it has left after the decision.
    public let buckets: [BucketStatus]
    /// Seconds to wait before this request would be admitted (0 when admitted).
    public let retryAfterSeconds: Int
    /// Who decided: Redis, or this process while Redis is unreachable.
    public let backend: RateLimitBackend

    /// One bucket's standing.
    public struct BucketStatus: Sendable, Equatable {
        public let bucket: RateLimitBucket
        public let currentlyAvailable: Int
        /// Seconds until the bucket is full again.
        public let resetSeconds: Int
    }

    /// A decision from its parts.
    public init(admitted: Bool, buckets: [BucketStatus], retryAfterSeconds: Int, backend: RateLimitBackend) {
        self.admitted = admitted
        self.buckets = buckets
        self.retryAfterSeconds = retryAfterSeconds
        self.backend = backend
    }

    /// A decision built from the algorithm's outcome.
    init(_ decision: GCRA.Decision, buckets: [RateLimitBucket], backend: RateLimitBackend) {
        self.init(
            admitted: decision.admitted,
            buckets: zip(buckets, decision.states).map { bucket, state in
                BucketStatus(bucket: bucket, currentlyAvailable: state.available, resetSeconds: Self.seconds(state.resetMicroseconds))
            },
            retryAfterSeconds: decision.admitted ? 0 : max(1, Self.seconds(decision.retryAfterMicroseconds)),
            backend: backend)
    }

    /// The bucket with the fewest points left relative to its size: the one the client should pace itself by.
    public var tightest: BucketStatus? {
        buckets.min { lhs, rhs in
            Double(lhs.currentlyAvailable) / Double(lhs.bucket.policy.maximumAvailable)
                < Double(rhs.currentlyAvailable) / Double(rhs.bucket.policy.maximumAvailable)
        }
    }

    static func seconds(_ microseconds: Double) -> Int { Int((microseconds / 1_000_000).rounded(.up)) }
}

/// Where a decision was made.
public enum RateLimitBackend: String, Sendable {
    case redis
    case inProcess = "in_process"
}
