/// A published reference rate: on `day`, 1 `base` = `rate` `quote` (ECB: base EUR, for example 1 EUR = 1.1512 USD).
public struct FXRate: Sendable, Hashable, CustomStringConvertible {
    public let day: CalendarDate
    public let base: Currency
    public let quote: Currency
    /// Units of `quote` per unit of `base`; positive for every rate that can be stored or used.
    public let rate: ExactDecimal

    public init(day: CalendarDate, base: Currency, quote: Currency, rate: ExactDecimal) {
        self.day = day
        self.base = base
        self.quote = quote
        self.rate = rate
    }

    public var description: String { "\(day.iso) 1 \(base.code) = \(rate) \(quote.code)" }

    /// Why the `control.fx_rates` table would refuse this rate, or nil when it fits: positive, two different
    /// currencies, at most 16 digits before the point and 12 after (`numeric(28,12)`, which would otherwise round).
    public var storageProblem: String? {
        if base == quote { return "a currency cannot be quoted against itself" }
        if rate.signum <= 0 { return "a rate must be positive" }
        if rate.scale > 12 { return "at most 12 digits after the point are kept" }
        // Below 10^(16 + scale): at most 16 digits before the point (scale ≤ 12, so the bound fits in 128 bits).
        var bound: UInt128 = 1
        for _ in 0..<(16 + rate.scale) { bound *= 10 }
        if rate.significand.magnitude >= bound { return "at most 16 digits before the point are kept" }
        return nil
    }
}
