/// An exact, positive exchange ratio `numerator / denominator`: a published rate, its inverse, or a chain of them
/// (USD → EUR → JPY). Inverting and chaining never round, so a conversion through a derived ratio rounds only once,
/// at the end (`FXConversion`). 1 / 1.1512 is not a finite decimal, which is why this is a fraction and not an
/// `ExactDecimal`.
public struct FXRatio: Sendable, Equatable, CustomStringConvertible {
    enum Storage: Sendable {
        /// Both terms fit in 128 bits (every real-world rate and chain of two): arithmetic stays in UInt128.
        case narrow(UInt128, UInt128)
        /// Terms beyond 128 bits, from chains of rates with many digits.
        case wide(FXWideInteger, FXWideInteger)
    }

    let storage: Storage

    /// The ratio of a published rate; `rate` must be positive.
    public init(_ rate: ExactDecimal) {
        precondition(rate.signum > 0, "an exchange ratio is positive, not \(rate)")
        self.init(numerator: UInt128(rate.significand), denominator: ExactDecimal.powerOfTen(rate.scale))
    }

    /// 1: the ratio between a currency and itself.
    public static let one = FXRatio(numerator: 1, denominator: 1)

    init(numerator: UInt128, denominator: UInt128) {
        let divisor = Self.gcd(numerator, denominator)
        storage = .narrow(numerator / divisor, denominator / divisor)
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    private init(wideNumerator: FXWideInteger, wideDenominator: FXWideInteger) {
        if let n = wideNumerator.narrow, let d = wideDenominator.narrow {
            self = FXRatio(numerator: n, denominator: d)
        } else {
            self = FXRatio(storage: .wide(wideNumerator, wideDenominator))
        }
    }

    /// The numerator and denominator at full width.
    var wideTerms: (FXWideInteger, FXWideInteger) {
        switch storage {
        case let .narrow(n, d): return (FXWideInteger(n), FXWideInteger(d))
        case let .wide(n, d): return (n, d)
        }
    }

    /// The ratio the other way round: from 1 EUR = 1.1512 USD to 1 USD = 1/1.1512 EUR, exactly.
    public var inverted: FXRatio {
        switch storage {
        case let .narrow(n, d): return FXRatio(numerator: d, denominator: n)
        case let .wide(n, d): return FXRatio(wideNumerator: d, wideDenominator: n)
        }
    }

    /// The chain of two ratios: (USD → EUR) × (EUR → JPY) = USD → JPY, exactly.
    public static func * (lhs: FXRatio, rhs: FXRatio) -> FXRatio {
        if case let .narrow(n1, d1) = lhs.storage, case let .narrow(n2, d2) = rhs.storage {
            // Cancel across the terms first so that the products stay small.
            let a = gcd(n1, d2)
            let b = gcd(n2, d1)
            let (n, overflowN) = (n1 / a).multipliedReportingOverflow(by: n2 / b)
            let (d, overflowD) = (d1 / b).multipliedReportingOverflow(by: d2 / a)
            if !overflowN && !overflowD { return FXRatio(numerator: n, denominator: d) }
        }
        let (n1, d1) = lhs.wideTerms
        let (n2, d2) = rhs.wideTerms
        return FXRatio(wideNumerator: n1 * n2, wideDenominator: d1 * d2)
    }

    /// Equal as numbers (2/4 == 1/2).
    public static func == (lhs: FXRatio, rhs: FXRatio) -> Bool {
        let (n1, d1) = lhs.wideTerms
        let (n2, d2) = rhs.wideTerms
        return n1 * d2 == n2 * d1
    }

    /// The ratio rounded half to even to `scale` fractional digits (0...18), for display and for storing a derived
    /// rate; nil when it is too large for an `ExactDecimal`. Conversions never go through this.
    public func rounded(scale: Int) -> ExactDecimal? {
        precondition((0...ExactDecimal.maximumParsedScale).contains(scale))
        let (n, d) = wideTerms
        guard let significand = FXWideInteger.roundedQuotient(
            n * FXWideInteger(ExactDecimal.powerOfTen(scale)), d, limit: UInt128(Int128.max) - 1)
        else { return nil }
        return ExactDecimal(significand: Int128(significand), scale: scale)
    }

    /// "numerator/denominator", reduced when both terms fit in 128 bits.
    public var description: String {
        let (n, d) = wideTerms
        return "\(n)/\(d)"
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
