/// Converts money between currencies at a given rate, exactly and with a single rounding.
///
/// **Rounding rule.** The converted amount is the exact rational number
/// `money.minorUnits × rate × 10^(target.exponent − source.exponent)` (minor units of the source, times the rate,
/// re-expressed in minor units of the target), computed in integers with no floating point and no intermediate
/// rounding: an inverse rate (1 / 1.1512) or a cross rate through EUR (USD → EUR → JPY) is kept as an exact fraction
/// until this point. That number is then rounded **once** to a whole number of the target's minor units, to the
/// nearest, and **half to even** when it lies exactly halfway (banker's rounding: 2.5 → 2, 3.5 → 4, 0.5 → 0). Negative
/// amounts round the same way as their magnitudes (−2.5 → −2), so converting a refund gives the negated conversion of
/// the purchase. Half to even, unlike half up, does not drift upwards when many converted amounts are summed.
/// A result beyond `MinorUnits.maximumMagnitude` is refused (`FXError.amountOutOfRange`) instead of wrapping.
public enum FXConversion {
    /// `money` in `target` at `rate` (1 unit of `money.currency` = `rate` units of `target`); see the type's rounding
    /// rule. `rate` must be positive.
    public static func convert(_ money: Money, to target: Currency, rate: ExactDecimal) throws(FXError) -> Money {
        try convert(money, to: target, ratio: FXRatio(rate))
    }

    /// `money` in `target` at an exact ratio (a published rate, its inverse or a chain through EUR), rounded once.
    public static func convert(_ money: Money, to target: Currency, ratio: FXRatio) throws(FXError) -> Money {
        let shift = target.exponent - money.currency.exponent
        let magnitude = UInt128(money.minorUnits.magnitude)
        let limit = UInt128(MinorUnits.maximumMagnitude)
        let upScale = ExactDecimal.powerOfTen(max(shift, 0))
        let downScale = ExactDecimal.powerOfTen(max(-shift, 0))
        // Fast path: every real rate and amount stays inside 128 bits.
        if case let .narrow(numerator, denominator) = ratio.storage {
            let (scaledNumerator, overflow1) = numerator.multipliedReportingOverflow(by: upScale)
            let (dividend, overflow2) = scaledNumerator.multipliedReportingOverflow(by: magnitude)
            let (divisor, overflow3) = denominator.multipliedReportingOverflow(by: downScale)
            if !overflow1 && !overflow2 && !overflow3 {
                guard let rounded = FXWideInteger.roundHalfEven(
                    quotient: dividend / divisor, remainder: dividend % divisor, divisor: divisor, limit: limit)
                else { throw .amountOutOfRange(money, to: target) }
                return Money(minorUnits: signed(rounded, negative: money.minorUnits < 0), currency: target)
            }
        }
        let (numerator, denominator) = ratio.wideTerms
        guard let rounded = FXWideInteger.roundedQuotient(
            FXWideInteger(magnitude) * numerator * FXWideInteger(upScale), denominator * FXWideInteger(downScale), limit: limit)
        else { throw .amountOutOfRange(money, to: target) }
        return Money(minorUnits: signed(rounded, negative: money.minorUnits < 0), currency: target)
    }

    private static func signed(_ magnitude: UInt128, negative: Bool) -> Int64 {
        let value = Int64(magnitude)  // ≤ MinorUnits.maximumMagnitude
        return negative ? -value : value
    }
}
