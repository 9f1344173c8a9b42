/// How long a failed job waits before its next try: exponential (base × 2^(attempt − 1)), capped, and shortened by a
/// random part so that jobs failing together (a dependency down) do not retry together.
public struct JobRetryPolicy: Sendable, Equatable {
    /// The wait after the first failure, before jitter.
    public var base: Duration
    /// The longest wait.
    public var cap: Duration
    /// The share of the wait that is random, 0...1: the wait is d × (1 − jitter × r) with r uniform in [0, 1).
    public var jitter: Double

    /// A policy; `jitter` is clamped to 0...1.
    public init(base: Duration = .seconds(10), cap: Duration = .seconds(3600), jitter: Double = 0.5) {
        self.base = base
        self.cap = cap
        self.jitter = min(1, max(0, jitter))
    }

    /// The wait after failed attempt number `attempt` (1 for the first), for a random draw `random` in [0, 1).
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = Double(min(max(attempt, 1) - 1, 62))
        let uncapped = seconds(base) * pow2(exponent)
        let capped = min(seconds(cap), uncapped)
        let jittered = capped * (1 - jitter * min(max(random, 0), 1))
        return .milliseconds(Int64((jittered * 1000).rounded()))
    }

    /// The wait after failed attempt number `attempt`, with a fresh random draw.
    public func delay(afterAttempt attempt: Int) -> Duration {
        delay(afterAttempt: attempt, random: Double.random(in: 0..<1))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
