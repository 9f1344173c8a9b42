import Foundation

/// A bucket's size and refill in query-cost points, in the manner of Shopify's and GitHub's cost limits: at most
/// `maximumAvailable` points at once, restored at `restoreRate` points per second.
public struct RateLimitPolicy: Sendable, Equatable, CustomStringConvertible {
    public let maximumAvailable: Int
    public let restoreRate: Int

    /// A policy; both numbers must be positive.
    public init(maximumAvailable: Int, restoreRate: Int) {
        self.maximumAvailable = max(1, maximumAvailable)
        self.restoreRate = max(1, restoreRate)
    }

    /// Parses `MAX/RATE`, as in `1000/50`; nil when malformed.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "/")
        guard parts.count == 2,
              let maximum = Int(parts[0].trimmingCharacters(in: .whitespaces)), maximum > 0,
              let rate = Int(parts[1].trimmingCharacters(in: .whitespaces)), rate > 0
        else { return nil }
        self.init(maximumAvailable: maximum, restoreRate: rate)
    }

    /// Microseconds one point takes to restore (GCRA's emission interval).
    public var microsecondsPerPoint: Double { 1_000_000 / Double(restoreRate) }
    /// How far ahead of now a bucket's theoretical arrival time may run (GCRA's tolerance): the whole bucket.
    public var toleranceMicroseconds: Double { Double(maximumAvailable) * microsecondsPerPoint }
    /// Seconds a drained bucket takes to fill up again.
    public var windowSeconds: Int { (maximumAvailable + restoreRate - 1) / restoreRate }

    public var description: String { "\(maximumAvailable)/\(restoreRate)" }
}
