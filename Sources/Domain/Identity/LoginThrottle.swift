import Crypto
import Foundation
import Logging
import Persistence
import Redis
import Synchronization

/// Counts failed logins per account (SHA-256 of the lower-cased e-mail) and per client address in fixed windows:
/// in Redis (INCR + EXPIRE) when Redis answers, else in an in-process table with the same rule. A success clears
/// the account's counter.
public struct LoginThrottle: Sendable {
    let redis: (any RedisClient)?
    public let settings: LoginThrottleSettings
    let logger: Logger
    private let fallback: FallbackCounters

    /// A throttle on `redis`, or only in-process when `redis` is nil.
    public init(redis: (any RedisClient)?, settings: LoginThrottleSettings = .init(), logger: Logger) {
        self.redis = redis
        self.settings = settings
        self.logger = logger
        self.fallback = FallbackCounters()
    }

    /// When the next attempt for this e-mail from this address may be made, or nil if it may be made now.
    public func retryAfter(email: String, address: String?) async -> Duration? {
        let keys = keys(email: email, address: address)
        let limits = [settings.maxFailuresPerAccount] + (keys.count > 1 ? [settings.maxFailuresPerAddress] : [])
        var wait: Duration?
        for (key, limit) in zip(keys, limits) {
            let (count, remaining) = await counter(key)
            if count >= limit { wait = max(wait ?? .zero, remaining) }
        }
        return wait
    }

    /// Counts one failed login for the e-mail and the address.
    public func recordFailure(email: String, address: String?) async {
        for key in keys(email: email, address: address) { await increment(key) }
    }

    /// Clears the account's failures after a successful login (the address keeps its count).
    public func recordSuccess(email: String) async {
        let key = keys(email: email, address: nil)[0]
        if let redis {
            do {
                _ = try await redis.delete([key])
                return
            } catch {
                warnOnce(error)
            }
        }
        fallback.remove(key)
    }

    /// The hex SHA-256 of the lower-cased, trimmed e-mail.
    static func accountKey(email: String) -> String {
        SHA256.hex(of: EmailAddress.normalized(email))
    }

    private func keys(email: String, address: String?) -> [String] {
        var keys = ["\(settings.keyPrefix):account:\(Self.accountKey(email: email))"]
        if let address, !address.isEmpty { keys.append("\(settings.keyPrefix):address:\(address)") }
        return keys
    }

    private var windowSeconds: Int { max(1, Int(settings.window.components.seconds)) }

    private func increment(_ key: String) async {
        if let redis {
            do {
                let count = try await redis.increment(key)
                if count == 1 { _ = try await redis.expire(key, seconds: windowSeconds) }
                return
            } catch {
                warnOnce(error)
            }
        }
        fallback.increment(key, window: settings.window)
    }

    /// The failures counted under `key` in the current window, and the time left in that window.
    private func counter(_ key: String) async -> (Int, Duration) {
        if let redis {
            do {
                guard let count = try await redis.get(key).flatMap(Int.init), count > 0 else { return (0, .zero) }
                var ttl = try await redis.send(["TTL", key]).int ?? -2
                if ttl == -1 {
                    // A key left without expiry (a crash between INCR and EXPIRE) must not block for ever.
                    _ = try await redis.expire(key, seconds: windowSeconds)
                    ttl = windowSeconds
                }
                return (count, .seconds(max(ttl, 1)))
            } catch {
                warnOnce(error)
            }
        } else {
            warnOnce(nil)
        }
        return fallback.counter(key)
    }

    private func warnOnce(_ error: (any Error)?) {
        guard fallback.markWarned() else { return }
        if let error {
            logger.warning(
                "Redis did not answer; login throttling falls back to in-process counters",
                metadata: ["error": "\(error)"])
        } else {
            logger.warning("no Redis configured; login throttling counts in this process only")
        }
    }
}

/// The in-process table used when Redis is absent or fails: same keys, same fixed windows.
private final class FallbackCounters: Sendable {
    private struct State {
        var counters: [String: (count: Int, ends: ContinuousClock.Instant)] = [:]
        var warned = false
    }

    private let state = Mutex(State())

    func increment(_ key: String, window: Duration) {
        let now = ContinuousClock.now
        state.withLock { state in
            if let entry = state.counters[key], entry.ends > now {
                state.counters[key] = (entry.count + 1, entry.ends)
            } else {
                state.counters[key] = (1, now + window)
            }
            // Keep the table bounded: drop expired windows once it grows.
            if state.counters.count > 100_000 {
                state.counters = state.counters.filter { $0.value.ends > now }
            }
        }
    }

    func counter(_ key: String) -> (Int, Duration) {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.counters[key], entry.ends > now else { return (0, .zero) }
            return (entry.count, entry.ends - now)
        }
    }

    func remove(_ key: String) {
        _ = state.withLock { $0.counters.removeValue(forKey: key) }
    }

    /// True the first time only.
    func markWarned() -> Bool {
        state.withLock { state in
            defer { state.warned = true }
            return !state.warned
        }
    }
}
