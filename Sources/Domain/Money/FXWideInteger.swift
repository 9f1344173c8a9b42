/// An unsigned integer of any size, just wide enough for exact exchange arithmetic when a product of rates outgrows
/// 128 bits (a chain of rates with many digits). Little-endian 64-bit limbs, no trailing zero limbs. Only what the
/// conversions need: multiplication, subtraction, comparison and a rounded quotient.
struct FXWideInteger: Sendable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt64]

    init(_ value: UInt128) {
        limbs = [UInt64(truncatingIfNeeded: value), UInt64(truncatingIfNeeded: value >> 64)]
        normalize()
    }

    private init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    /// The value when it fits in 128 bits.
    var narrow: UInt128? {
        switch limbs.count {
        case 0: return 0
        case 1: return UInt128(limbs[0])
        case 2: return UInt128(limbs[1]) << 64 | UInt128(limbs[0])
        default: return nil
        }
    }

    static func * (lhs: FXWideInteger, rhs: FXWideInteger) -> FXWideInteger {
        guard !lhs.isZero, !rhs.isZero else { return FXWideInteger(0) }
        var result = [UInt64](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, left) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, right) in rhs.limbs.enumerated() {
                let (high, low) = left.multipliedFullWidth(by: right)
                let (sum1, overflow1) = result[i + j].addingReportingOverflow(low)
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                result[i + j] = sum2
                // high ≤ 2^64 - 2, so adding two carries cannot overflow.
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            var k = i + rhs.limbs.count
            while carry != 0 {
                let (sum, overflow) = result[k].addingReportingOverflow(carry)
                result[k] = sum
                carry = overflow ? 1 : 0
                k += 1
            }
        }
        return FXWideInteger(limbs: result)
    }

    /// `lhs - rhs`; `rhs` must not exceed `lhs`.
    static func - (lhs: FXWideInteger, rhs: FXWideInteger) -> FXWideInteger {
        precondition(rhs <= lhs, "FXWideInteger subtraction below zero")
        var result = lhs.limbs
        var borrow: UInt64 = 0
        for index in result.indices {
            let right = index < rhs.limbs.count ? rhs.limbs[index] : 0
            let (difference1, underflow1) = result[index].subtractingReportingOverflow(right)
            let (difference2, underflow2) = difference1.subtractingReportingOverflow(borrow)
            result[index] = difference2
            borrow = (underflow1 || underflow2) ? 1 : 0
        }
        return FXWideInteger(limbs: result)
    }

    static func < (lhs: FXWideInteger, rhs: FXWideInteger) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }

    var description: String {
        if let narrow { return String(narrow) }
        return "0x" + limbs.reversed().map { limb in
            let hex = String(limb, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// `numerator / denominator` rounded to the nearest integer, half to even, or nil when that exceeds `limit`.
    /// `denominator` must not be zero; `limit` must be below 2^127 so that `limit + 1` is representable.
    static func roundedQuotient(_ numerator: FXWideInteger, _ denominator: FXWideInteger, limit: UInt128) -> UInt128? {
        precondition(!denominator.isZero && limit < UInt128(1) << 127)
        if let n = numerator.narrow, let d = denominator.narrow {
            return roundHalfEven(quotient: n / d, remainder: n % d, divisor: d, limit: limit)
        }
        // The largest q in 0...limit+1 with q × d ≤ n, by bisection: at most 128 multiplications of a few limbs.
        var low: UInt128 = 0
        var high: UInt128 = limit + 1
        while low < high {
            let middle = low + (high - low + 1) / 2
            if FXWideInteger(middle) * denominator <= numerator { low = middle } else { high = middle - 1 }
        }
        guard low <= limit else { return nil }
        let remainder = numerator - FXWideInteger(low) * denominator
        let rest = denominator - remainder
        let roundUp = remainder > rest || (remainder == rest && low & 1 == 1)
        let result = roundUp ? low + 1 : low
        return result <= limit ? result : nil
    }

    /// Rounds `quotient + remainder / divisor` (0 ≤ remainder < divisor) half to even; nil above `limit`.
    static func roundHalfEven(quotient: UInt128, remainder: UInt128, divisor: UInt128, limit: UInt128) -> UInt128? {
        let rest = divisor - remainder
        let roundUp = remainder > rest || (remainder == rest && quotient & 1 == 1)
        guard quotient <= limit else { return nil }
        let result = roundUp ? quotient + 1 : quotient
        return result <= limit ? result : nil
    }
}
