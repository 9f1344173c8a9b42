/// An exact decimal number: `significand × 10^-scale`, with no floating point anywhere. Exchange rates are held as
/// these (ECB publishes "181.32", "1.1512", "0.86705"), so a rate read from a file or the database is exactly the
/// number that was written.
///
/// Values are kept in a canonical form (no trailing fractional zeros), so `1.50` and `1.5` are equal, hash alike and
/// print alike.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits as an integer: 18132 for 181.32.
    public let significand: Int128
    /// How many of the significand's digits are fractional: 2 for 181.32; 0 for an integer. Never negative.
    public let scale: Int

    /// The most fractional digits `init?(_ text:)` accepts.
    public static let maximumParsedScale = 18
    /// The most fractional digits a value can have: 10^38 still fits in Int128.
    public static let maximumScale = 38
    /// The most digits a parsed text may have in all (whole and fractional); keeps every significand inside Int128.
    public static let maximumDigits = 38

    /// `significand × 10^-scale`, brought to canonical form. `scale` must be in 0...38.
    public init(significand: Int128, scale: Int) {
        precondition((0...Self.maximumScale).contains(scale), "ExactDecimal scale \(scale) is outside 0...38")
        var significand = significand
        var scale = scale
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        self.significand = significand
        self.scale = scale
    }

    /// The integer `value`.
    public init(_ value: Int) {
        self.init(significand: Int128(value), scale: 0)
    }

    /// Parses a plain decimal: an optional sign, digits, and optionally a point followed by 1 to 18 digits ("1.1512",
    /// "-0.5", "181", "+2.0"). Surrounding spaces are ignored. Nil for anything else: exponents ("1e3"), a bare point
    /// (".5", "5."), separators ("1,000"), more than 18 fractional digits, or more than 38 digits in all.
    public init?(_ text: String) {
        self.init(utf8: Substring(text).utf8)
    }

    /// The same as `init?(_ text:)` for a slice of a larger text (a CSV cell), without copying it.
    public init?(_ text: Substring) {
        self.init(utf8: text.utf8)
    }

    init?(utf8 bytes: Substring.UTF8View) {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        while start < end, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        guard start < end else { return nil }
        var negative = false
        if bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") {
            negative = bytes[start] == UInt8(ascii: "-")
            start = bytes.index(after: start)
        }
        var significand: Int128 = 0
        var wholeDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, wholeDigits > 0 else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if seenPoint { fractionDigits += 1 } else { wholeDigits += 1 }
                guard wholeDigits + fractionDigits <= Self.maximumDigits else { return nil }
                significand = significand * 10 + Int128(byte - UInt8(ascii: "0"))
            } else {
                return nil
            }
            index = bytes.index(after: index)
        }
        guard wholeDigits > 0, !seenPoint || fractionDigits > 0, fractionDigits <= Self.maximumParsedScale else { return nil }
        self.init(significand: negative ? -significand : significand, scale: fractionDigits)
    }

    /// Canonical text: no exponent, no trailing fractional zeros, "0" for zero, a leading "-" for negatives:
    /// "181.32", "0.000123", "-2", "1.1512".
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// -1, 0 or 1.
    public var signum: Int { significand < 0 ? -1 : significand == 0 ? 0 : 1 }

    /// Digits before the point, not counting leading zeros (0 for values below one).
    public var wholeDigitCount: Int {
        let whole = significand.magnitude / ExactDecimal.powerOfTen(scale)
        return whole == 0 ? 0 : String(whole).count
    }

    /// 10^exponent for exponent in 0...38.
    static func powerOfTen(_ exponent: Int) -> UInt128 {
        precondition((0...38).contains(exponent))
        var result: UInt128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Splits into floor(value) and the fraction below it scaled to 10^38: both exact, neither overflows.
    private var floorAndFraction: (Int128, UInt128) {
        let unit = Int128(ExactDecimal.powerOfTen(scale))
        var whole = significand / unit
        var remainder = significand % unit
        if remainder < 0 {
            whole -= 1
            remainder += unit
        }
        return (whole, UInt128(remainder) * ExactDecimal.powerOfTen(Self.maximumScale - scale))
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.scale == rhs.scale { return lhs.significand < rhs.significand }
        let (leftWhole, leftFraction) = lhs.floorAndFraction
        let (rightWhole, rightFraction) = rhs.floorAndFraction
        return (leftWhole, leftFraction) < (rightWhole, rightFraction)
    }
}
