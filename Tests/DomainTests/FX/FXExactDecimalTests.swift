import Domain
import Testing

/// Exact decimals: what parses, how it prints, how values compare.
@Suite struct FXExactDecimalTests {
    @Test(arguments: [
        ("1.1512", "1.1512"), ("181.320", "181.32"), ("-0.50", "-0.5"), ("0", "0"), ("-0", "0"), ("+2.0", "2"),
        ("0.000000000000000001", "0.000000000000000001"), (" 7.4615 ", "7.4615"), ("1000", "1000"), ("0.10", "0.1"),
        ("00012.5", "12.5"), ("99999999999999999999.999999999999999999", "99999999999999999999.999999999999999999"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
    ])
    func parsesPlainDecimalsAndPrintsThemCanonically(text: String, printed: String) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.description == printed)
        #expect(ExactDecimal(printed) == value)
    }

    @Test(arguments: [
        "", " ", "1e3", "1E-2", ".5", "5.", "1,000", "1.2.3", "--1", "+-1", "abc", "1 000", "0x10", "N/A",
        "0.0000000000000000001",  // 19 fractional digits
        "123456789012345678901234567890123456789",  // 39 digits
        "١٢",  // not ASCII digits
    ])
    func refusesAnythingElse(text: String) {
        #expect(ExactDecimal(text) == nil, "\(text)")
    }

    @Test func keepsTheDigitsAsSignificandAndScale() throws {
        let value = try #require(ExactDecimal("181.32"))
        #expect(value.significand == 18132)
        #expect(value.scale == 2)
        let trimmed = try #require(ExactDecimal("-1.2300"))
        #expect(trimmed.significand == -123)
        #expect(trimmed.scale == 2)
        #expect(ExactDecimal(significand: 1_500, scale: 3).description == "1.5")
        #expect(ExactDecimal(significand: 5, scale: 4).description == "0.0005")
        #expect(ExactDecimal(significand: -5, scale: 4).description == "-0.0005")
        #expect(ExactDecimal(42).description == "42")
    }

    @Test func equalValuesAreEqualWhateverTheirTrailingZeros() throws {
        let values = try ["1.5", "1.50", "1.500000"].map { try #require(ExactDecimal($0)) }
        #expect(Set(values).count == 1)
        #expect(ExactDecimal("2") == ExactDecimal("2.000"))
        #expect(ExactDecimal("2") != ExactDecimal("2.001"))
    }

    @Test func comparesByValueAcrossScales() throws {
        func d(_ text: String) throws -> ExactDecimal { try #require(ExactDecimal(text)) }
        #expect(try d("0.9") < d("1.1"))
        #expect(try d("-1.5") < d("-1.25"))
        #expect(try d("1.999999999999999999") < d("2"))
        #expect(try d("9.99") < d("10"))
        #expect(try d("-0.000000000000000001") < d("0"))
        #expect(!(try d("3.10") < d("3.1")))
        #expect(try d("99999999999999999999") > d("99999999999999999998.999999999999999999"))
        let shuffled = try ["181.32", "-2", "0.88", "0.0001", "1.1512", "-2.5", "24.338"].map(d)
        #expect(shuffled.sorted().map(\.description) == ["-2.5", "-2", "0.0001", "0.88", "1.1512", "24.338", "181.32"])
    }

    @Test func countsWholeDigits() throws {
        #expect(try #require(ExactDecimal("0.25")).wholeDigitCount == 0)
        #expect(try #require(ExactDecimal("181.32")).wholeDigitCount == 3)
        #expect(try #require(ExactDecimal("-12345.6")).wholeDigitCount == 5)
    }
}
