import Domain
import Testing

/// Converting money at a rate: exact arithmetic, one rounding, half to even.
@Suite struct FXConversionTests {
    static func currency(_ code: String) -> Currency { Currency(code: code)! }
    static func rate(_ text: String) -> ExactDecimal { ExactDecimal(text)! }
    static func money(_ minor: Int64, _ code: String) -> Money { Money(minorUnits: minor, currency: currency(code)) }

    @Test(arguments: [
        // (source minor units, rate, expected target minor units): halves go to the even neighbour.
        (Int64(5), "0.5", Int64(2)),   // 2.5 → 2 (half up would give 3)
        (7, "0.5", 4),                 // 3.5 → 4
        (1, "0.5", 0),                 // 0.5 → 0 (half up would give 1)
        (3, "0.5", 2),                 // 1.5 → 2
        (-5, "0.5", -2),               // -2.5 → -2 (half away from zero would give -3)
        (-7, "0.5", -4),               // -3.5 → -4
        (5, "0.51", 3),                // 2.55 → 3: not a tie, nearest
        (5, "0.49", 2),                // 2.45 → 2
        (-5, "0.51", -3),
        (1234, "1.25", 1542),          // 1542.5 → 1542
        (1236, "1.25", 1545),          // 1545 exactly
        (0, "181.32", 0),
    ])
    func roundsOnceHalfToEven(minor: Int64, rate: String, expected: Int64) throws {
        let converted = try FXConversion.convert(Self.money(minor, "EUR"), to: Self.currency("USD"), rate: Self.rate(rate))
        #expect(converted == Self.money(expected, "USD"))
    }

    @Test func shiftsBetweenZeroTwoAndThreeDigitCurrencies() throws {
        // 1,000 JPY at 0.005525 EUR/JPY = 5.525 EUR = 552.5 cents → 552 (even).
        #expect(try FXConversion.convert(Self.money(1_000, "JPY"), to: Self.currency("EUR"), rate: Self.rate("0.005525"))
            == Self.money(552, "EUR"))
        // 12.34 EUR at 181.32 = 2,237.4888 JPY → 2,237.
        #expect(try FXConversion.convert(Self.money(1_234, "EUR"), to: Self.currency("JPY"), rate: Self.rate("181.32"))
            == Self.money(2_237, "JPY"))
        // 10.00 EUR at 0.35125 = 3.5125 KWD = 3,512.5 fils → 3,512 (even).
        #expect(try FXConversion.convert(Self.money(1_000, "EUR"), to: Self.currency("KWD"), rate: Self.rate("0.35125"))
            == Self.money(3_512, "KWD"))
        // 10,000 JPY at 0.0019375 = 19.375 KWD exactly.
        #expect(try FXConversion.convert(Self.money(10_000, "JPY"), to: Self.currency("KWD"), rate: Self.rate("0.0019375"))
            == Self.money(19_375, "KWD"))
        // 1.233 KWD at 500 = 616.5 JPY → 616 (even); 1.235 KWD = 617.5 → 618 (even).
        #expect(try FXConversion.convert(Self.money(1_233, "KWD"), to: Self.currency("JPY"), rate: Self.rate("500"))
            == Self.money(616, "JPY"))
        #expect(try FXConversion.convert(Self.money(1_235, "KWD"), to: Self.currency("JPY"), rate: Self.rate("500"))
            == Self.money(618, "JPY"))
        // 2.845 KWD at 3.2 = 9.104 EUR = 910.4 cents → 910.
        #expect(try FXConversion.convert(Self.money(2_845, "KWD"), to: Self.currency("EUR"), rate: Self.rate("3.2"))
            == Self.money(910, "EUR"))
    }

    @Test func refusesAResultBeyondTheLargestAmount() throws {
        let huge = Self.money(MinorUnits.maximumMagnitude, "USD")
        #expect(throws: FXError.amountOutOfRange(huge, to: Self.currency("VND"))) {
            _ = try FXConversion.convert(huge, to: Self.currency("VND"), rate: Self.rate("25000"))
        }
        // The same amount at a rate below one is fine.
        #expect(try FXConversion.convert(huge, to: Self.currency("GBP"), rate: Self.rate("0.5"))
            == Self.money(MinorUnits.maximumMagnitude / 2, "GBP"))
    }

    @Test func anInverseRateIsExactNotARoundedDecimal() throws {
        // 1 EUR = 1.1512 USD, so 1,000,000.00 USD = 100,000,000 / 1.1512 cents = 86,865,879.08… → 86,865,879.
        // Rounding 1/1.1512 to 6 places first (0.868659) would give 86,865,900.
        let inverse = FXRatio(Self.rate("1.1512")).inverted
        #expect(try FXConversion.convert(Self.money(100_000_000, "USD"), to: Self.currency("EUR"), ratio: inverse)
            == Self.money(86_865_879, "EUR"))
        #expect(inverse.rounded(scale: 12)?.description == "0.868658790827")
        #expect(inverse.inverted == FXRatio(Self.rate("1.1512")))
        // An inverse that lands on a tie still rounds half to even: 1 EUR = 2 USD, so 0.05 USD = 2.5 cents → 2.
        #expect(try FXConversion.convert(Self.money(5, "USD"), to: Self.currency("EUR"), ratio: FXRatio(Self.rate("2")).inverted)
            == Self.money(2, "EUR"))
    }

    @Test func aCrossRateIsChainedExactlyAndRoundedOnce() throws {
        // USD → EUR → JPY with 1 EUR = 1.1512 USD and 1 EUR = 181.32 JPY: 38.44 USD = 6,054.51… JPY exactly → 6,055.
        // Rounding the EUR amount first (33.39 EUR) or the cross rate to 4 places (157.5052) would give 6,054.
        let cross = FXRatio(Self.rate("1.1512")).inverted * FXRatio(Self.rate("181.32"))
        #expect(try FXConversion.convert(Self.money(3_844, "USD"), to: Self.currency("JPY"), ratio: cross) == Self.money(6_055, "JPY"))
        #expect(cross.rounded(scale: 12)?.description == "157.505211952745")
        #expect(cross == FXRatio(Self.rate("181.32")) * FXRatio(Self.rate("1.1512")).inverted)
    }

    @Test func aChainBeyond128BitsStaysExact() throws {
        // Terms with 31 and 19 digits: the products outgrow UInt128 and take the wide path.
        let a = FXRatio(Self.rate("1234567890123.456789012345678901"))
        let b = FXRatio(Self.rate("9876543210987.654321098765432109"))
        let c = FXRatio(Self.rate("8.000000000000000001"))
        let chain = a * b.inverted * c
        // 123,456,789 × (A/B) × C = 123,456,787.875000009… → 123,456,788 (computed independently with Python fractions).
        #expect(try FXConversion.convert(Self.money(123_456_789, "EUR"), to: Self.currency("USD"), ratio: chain)
            == Self.money(123_456_788, "USD"))
        #expect(try FXConversion.convert(Self.money(-123_456_789, "EUR"), to: Self.currency("USD"), ratio: chain)
            == Self.money(-123_456_788, "USD"))
        #expect(chain.rounded(scale: 12)?.description == "0.999999990888")
        #expect(chain == c * a * b.inverted)
        #expect(chain != a * b.inverted)
    }
}
