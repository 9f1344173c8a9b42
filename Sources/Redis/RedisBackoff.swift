/// How long to wait before reconnecting after consecutive failures: 50 ms doubling up to 2 s, so a restarted Redis
/// is found again within about two seconds while a dead one is not hammered.
public enum RedisBackoff {
    /// The wait after `failures` consecutive failed attempts (at least 1).
    public static func delay(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures, 1) - 1, 6)
        return min(.milliseconds(50 * (1 << exponent)), .seconds(2))
    }
}
