import Foundation
import Redis

/// GCRA in Redis, one Lua script per decision so that checking and charging every bucket is atomic across all server
/// instances. Time is Redis's own (`TIME`), so instances with skewed clocks agree.
public struct RedisRateLimiter: Sendable {
    public let redis: any RedisClient

    /// A limiter on `redis`.
    public init(redis: any RedisClient) { self.redis = redis }

    /// Admits or refuses; throws only when Redis cannot be asked (the caller falls back).
    public func acquire(cost: Int, from buckets: [RateLimitBucket]) async throws(RedisError) -> RateLimitDecision {
        var arguments = [String(cost)]
        for bucket in buckets {
            arguments += [Self.number(bucket.policy.microsecondsPerPoint), Self.number(bucket.policy.toleranceMicroseconds)]
        }
        let reply = try await redis.evaluate(Self.acquireScript, keys: buckets.map(\.key), arguments: arguments)
        guard case .array(let values) = reply, values.count == 2 + 2 * buckets.count else {
            throw .unexpectedReply(command: "EVALSHA rate limit", reply: "\(reply)")
        }
        let numbers = values.compactMap(\.int)
        guard numbers.count == values.count else { throw .unexpectedReply(command: "EVALSHA rate limit", reply: "\(reply)") }
        let states = buckets.indices.map { index in
            GCRA.BucketState(available: numbers[2 + 2 * index], resetMicroseconds: Double(numbers[3 + 2 * index]))
        }
        let decision = GCRA.Decision(
            admitted: numbers[0] == 1, retryAfterMicroseconds: Double(numbers[1]), states: states, newTATs: [])
        return RateLimitDecision(decision, buckets: buckets, backend: .redis)
    }

    /// Gives `points` back to each bucket.
    public func refund(points: Int, to buckets: [RateLimitBucket]) async throws(RedisError) {
        let arguments = [String(points)] + buckets.map { Self.number($0.policy.microsecondsPerPoint) }
        _ = try await redis.evaluate(Self.refundScript, keys: buckets.map(\.key), arguments: arguments)
    }

    private static func number(_ value: Double) -> String { String(format: "%.3f", value) }

    /// KEYS: the buckets. ARGV: cost, then each bucket's emission interval and tolerance in microseconds.
    /// Returns {admitted, retry after µs, then per bucket: points available, µs until full}. The same arithmetic as
    /// `GCRA.decide`.
    static let acquireScript = RedisScript("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local cost = tonumber(ARGV[1])
        local admitted = 1
        local retry = 0
        local current, candidates = {}, {}
        for i = 1, #KEYS do
          local interval, tolerance = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
          local tat = tonumber(redis.call('GET', KEYS[i]) or now)
          if tat < now then tat = now end
          local candidate = tat + cost * interval
          local allow_at = candidate - tolerance
          if now < allow_at then
            admitted = 0
            if allow_at - now > retry then retry = allow_at - now end
          end
          current[i], candidates[i] = tat, candidate
        end
        local result = {admitted, math.floor(retry)}
        for i = 1, #KEYS do
          local interval, tolerance = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
          local tat = current[i]
          if admitted == 1 then
            tat = candidates[i]
            redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
          end
          local available = math.floor((tolerance - (tat - now)) / interval)
          if available < 0 then available = 0 end
          result[#result + 1] = available
          result[#result + 1] = math.floor(tat - now)
        end
        return result
        """)

    /// KEYS: the buckets. ARGV: points, then each bucket's emission interval in microseconds.
    static let refundScript = RedisScript("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local points = tonumber(ARGV[1])
        for i = 1, #KEYS do
          local stored = redis.call('GET', KEYS[i])
          if stored then
            local tat = tonumber(stored) - points * tonumber(ARGV[1 + i])
            if tat > now then
              redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
            else
              redis.call('DEL', KEYS[i])
            end
          end
        end
        return 1
        """)
}
