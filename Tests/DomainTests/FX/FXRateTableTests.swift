import Domain
import Testing

/// Which rate applies on a day, and which pair: direct, inverse or through EUR.
@Suite struct FXRateTableTests {
    static func currency(_ code: String) -> Currency { Currency(code: code)! }
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func rate(_ iso: String, _ base: String, _ quote: String, _ value: String) -> FXRate {
        FXRate(day: day(iso), base: currency(base), quote: currency(quote), rate: ExactDecimal(value)!)
    }
    static let eur = currency("EUR"), usd = currency("USD"), jpy = currency("JPY"), gbp = currency("GBP")

    /// Thursday 20 and Friday 21 November 2025, then nothing.
    static let week = FXRateTable([
        rate("2025-11-20", "EUR", "USD", "1.1505"), rate("2025-11-20", "EUR", "JPY", "179.71"),
        rate("2025-11-21", "EUR", "USD", "1.1512"), rate("2025-11-21", "EUR", "JPY", "181.32"),
    ])

    @Test func aDayUsesTheLatestRateOnOrBeforeIt() {
        #expect(Self.week.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-20"))?.description == "1.1505")
        #expect(Self.week.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-21"))?.description == "1.1512")
        // Saturday, Sunday and a Monday without a published rate use Friday's.
        for weekend in ["2025-11-22", "2025-11-23", "2025-11-24"] {
            #expect(Self.week.rate(from: Self.eur, to: Self.usd, on: Self.day(weekend))?.description == "1.1512", "\(weekend)")
        }
        #expect(Self.week.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-19")) == nil, "nothing before the first rate")
    }

    @Test func aRateOlderThanSevenDaysIsNotUsed() {
        #expect(FXRateTable.maximumStaleness == 7)
        #expect(Self.week.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-28"))?.description == "1.1512", "7 days old")
        #expect(Self.week.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-29")) == nil, "8 days old")
        #expect(Self.week.rate(from: Self.usd, to: Self.jpy, on: Self.day("2025-11-29")) == nil)
        #expect(throws: FXError.noRate(from: Self.usd, to: Self.jpy, on: Self.day("2025-11-29"))) {
            _ = try Self.week.convertOrThrow(Money(minorUnits: 100, currency: Self.usd), to: Self.jpy, on: Self.day("2025-11-29"))
        }
    }

    @Test func theMissingRateErrorSaysWhatIsMissingAndHowToLoadIt() {
        let error = FXError.noRate(from: Self.usd, to: Self.jpy, on: Self.day("2025-11-29"))
        #expect(error.code == .notFound)
        #expect(error.message.contains("USD") && error.message.contains("JPY") && error.message.contains("2025-11-29"))
        #expect(error.message.contains("budgetai import-fx-rates"))
    }

    @Test func equalCurrenciesConvertAtExactlyOne() {
        let empty = FXRateTable([])
        #expect(empty.rate(from: Self.gbp, to: Self.gbp, on: Self.day("2025-11-22")) == ExactDecimal(1))
        let money = Money(minorUnits: 12_345, currency: Self.gbp)
        #expect(empty.convert(money, to: Self.gbp, on: Self.day("1999-01-04")) == money)
        #expect(empty.convert(money, to: Self.usd, on: Self.day("1999-01-04")) == nil)
    }

    @Test func anInversePairIsUsedWhenOnlyTheOppositeIsPublished() throws {
        // 100.00 USD → EUR on Saturday at 1/1.1512: 86.865… → 86.87.
        let converted = Self.week.convert(Money(minorUnits: 10_000, currency: Self.usd), to: Self.eur, on: Self.day("2025-11-22"))
        #expect(converted == Money(minorUnits: 8_687, currency: Self.eur))
        #expect(Self.week.rate(from: Self.usd, to: Self.eur, on: Self.day("2025-11-21"))?.description == "0.868658790827")
        #expect(Self.week.ratio(from: Self.usd, to: Self.eur, on: Self.day("2025-11-21")) == FXRatio(ExactDecimal("1.1512")!).inverted)
    }

    @Test func aDirectPairWinsOverTheInverseOfTheOpposite() {
        let table = FXRateTable([
            Self.rate("2025-11-21", "EUR", "USD", "1.1512"),
            Self.rate("2025-11-21", "USD", "EUR", "0.8700"),  // a second source, slightly different
        ])
        #expect(table.rate(from: Self.usd, to: Self.eur, on: Self.day("2025-11-21"))?.description == "0.87")
        #expect(table.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-21"))?.description == "1.1512")
    }

    @Test func aCrossRateGoesThroughEuroAndRoundsOnce() {
        // 38.44 USD → JPY on Sunday with Friday's rates: 3,844 × 181.32 / 1.1512 / 100 = 6,054.51… → 6,055.
        let converted = Self.week.convert(Money(minorUnits: 3_844, currency: Self.usd), to: Self.jpy, on: Self.day("2025-11-23"))
        #expect(converted == Money(minorUnits: 6_055, currency: Self.jpy))
        #expect(Self.week.rate(from: Self.usd, to: Self.jpy, on: Self.day("2025-11-21"))?.description == "157.505211952745")
        // Thursday's legs give Thursday's cross: 179.71 / 1.1505.
        #expect(Self.week.ratio(from: Self.usd, to: Self.jpy, on: Self.day("2025-11-20"))
            == FXRatio(ExactDecimal("1.1505")!).inverted * FXRatio(ExactDecimal("179.71")!))
        // The other way round uses the inverse chain.
        #expect(Self.week.ratio(from: Self.jpy, to: Self.usd, on: Self.day("2025-11-21"))
            == FXRatio(ExactDecimal("181.32")!).inverted * FXRatio(ExactDecimal("1.1512")!))
    }

    @Test func aCrossRateNeedsBothLegsFreshAndTiesGoToEven() {
        let table = FXRateTable([
            Self.rate("2025-11-10", "EUR", "JPY", "180"),
            Self.rate("2025-11-21", "EUR", "USD", "2"),
            Self.rate("2025-11-21", "EUR", "GBP", "1"),
        ])
        #expect(table.rate(from: Self.usd, to: Self.jpy, on: Self.day("2025-11-21")) == nil, "the JPY leg is 11 days old")
        // USD → GBP = 1/2 exactly: 0.05 USD = 2.5 pence → 2; 0.07 USD = 3.5 pence → 4.
        #expect(table.convert(Money(minorUnits: 5, currency: Self.usd), to: Self.gbp, on: Self.day("2025-11-21"))
            == Money(minorUnits: 2, currency: Self.gbp))
        #expect(table.convert(Money(minorUnits: 7, currency: Self.usd), to: Self.gbp, on: Self.day("2025-11-21"))
            == Money(minorUnits: 4, currency: Self.gbp))
    }

    @Test func aTableLoadedForARangeAnswersOnlyInsideIt() {
        let rates = [Self.rate("2025-11-21", "EUR", "USD", "1.1512")]
        let table = FXRateTable(rates, coverage: Self.day("2025-11-21")...Self.day("2025-11-23"))
        #expect(table.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-23"))?.description == "1.1512")
        #expect(table.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-24")) == nil, "a newer rate may exist")
        #expect(FXRateTable(rates).rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-24"))?.description == "1.1512")
    }

    @Test func theLaterOfTwoRatesForTheSameDayWins() {
        let table = FXRateTable([Self.rate("2025-11-21", "EUR", "USD", "1.1500"), Self.rate("2025-11-21", "EUR", "USD", "1.1512")])
        #expect(table.rates.count == 1)
        #expect(table.rate(from: Self.eur, to: Self.usd, on: Self.day("2025-11-21"))?.description == "1.1512")
        #expect(table.currencies == [Self.eur, Self.usd])
    }
}
