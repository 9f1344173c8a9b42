import Domain
import Foundation
import Testing

/// Reading the ECB's two CSV shapes: the daily file and the history file.
@Suite struct FXECBRatesCSVTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/eurofxref-hist-sample.csv")

    static func currency(_ code: String) -> Currency { Currency(code: code)! }
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// The daily file as the ECB serves it (eurofxref.csv from eurofxref.zip): spaces after commas, trailing commas.
    static let daily =
        "Date, USD, JPY, BGN, CZK, DKK, GBP, HUF, PLN, RON, SEK, CHF, ISK, NOK, TRY, AUD, BRL, CAD, CNY, HKD, IDR, ILS, INR, "
        + "KRW, MXN, MYR, NZD, PHP, SGD, THB, ZAR, \n"
        + "21 November 2025, 1.1512, 181.32, 1.9558, 24.338, 7.4615, 0.87863, 385.48, 4.2410, 5.0850, 10.9650, 0.92540, "
        + "147.20, 11.7420, 48.9620, 1.7790, 6.1604, 1.6270, 8.1962, 8.9512, 19244.85, 3.7710, 102.1190, 1688.40, 21.2094, "
        + "4.7998, 2.0497, 68.130, 1.5041, 37.323, 20.0264, \n\n"

    @Test func readsTheDailyFile() throws {
        let rates = try ECBRatesCSV.parse(Self.daily)
        #expect(rates.count == 30)
        #expect(Set(rates.map(\.day)) == [Self.day("2025-11-21")])
        #expect(Set(rates.map(\.base)) == [Self.currency("EUR")])
        #expect(rates.first == FXRate(day: Self.day("2025-11-21"), base: Self.currency("EUR"), quote: Self.currency("USD"), rate: ExactDecimal("1.1512")!))
        let byQuote = Dictionary(uniqueKeysWithValues: rates.map { ($0.quote.code, $0.rate.description) })
        #expect(byQuote["JPY"] == "181.32")
        #expect(byQuote["IDR"] == "19244.85")
        #expect(byQuote["ZAR"] == "20.0264")
        #expect(byQuote["CHF"] == "0.9254")
    }

    @Test func readsTheHistoryFileSkippingNotAvailableCellsAndWithdrawnCurrencies() throws {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        let rates = try ECBRatesCSV.parse(text)
        // 10 working days × 17 known currencies (CYP is withdrawn and N/A throughout), less ISK's one N/A.
        #expect(rates.count == 10 * 17 - 1)
        #expect(!rates.contains { $0.quote.code == "CYP" })
        #expect(Set(rates.map(\.quote.code)).count == 17)
        let days = Set(rates.map(\.day))
        #expect(days.count == 10)
        #expect(!days.contains(Self.day("2025-11-15")) && !days.contains(Self.day("2025-11-16")), "no weekend rows")
        #expect(!rates.contains { $0.quote.code == "ISK" && $0.day == Self.day("2025-11-14") })
        #expect(rates.contains { $0.quote.code == "ISK" && $0.day == Self.day("2025-11-13") })
        #expect(rates.first == FXRate(day: Self.day("2025-11-21"), base: Self.currency("EUR"), quote: Self.currency("USD"), rate: ExactDecimal("1.1499")!))
        let jpyOn10th = rates.first { $0.quote.code == "JPY" && $0.day == Self.day("2025-11-10") }
        #expect(jpyOn10th?.rate.description == "179.3")
    }

    @Test func toleratesWindowsLineEndsAByteOrderMarkEmptyCellsAndNoTrailingComma() throws {
        let text = "\u{FEFF}Date,USD,JPY,GBP\r\n2025-11-21,1.1512,,0.8786\r\n2025-11-20,1.1505,179.71,N/A\r\n\r\n"
        let rates = try ECBRatesCSV.parse(text)
        #expect(rates.map(\.description) == [
            "2025-11-21 1 EUR = 1.1512 USD", "2025-11-21 1 EUR = 0.8786 GBP",
            "2025-11-20 1 EUR = 1.1505 USD", "2025-11-20 1 EUR = 179.71 JPY",
        ])
    }

    @Test func acceptsEitherDateFormInEitherFile() throws {
        let rates = try ECBRatesCSV.parse("Date,USD,\n3 March 2025,1.0482,\n2025-02-28,1.0411,\n1 feb 2024,1.0800,\n")
        #expect(rates.map(\.day) == [Self.day("2025-03-03"), Self.day("2025-02-28"), Self.day("2024-02-01")])
    }

    @Test func aHeaderOnlyFileHasNoRates() throws {
        #expect(try ECBRatesCSV.parse("Date, USD, JPY, \n").isEmpty)
    }

    static func failure(_ text: String) -> (line: Int, reason: String)? {
        do {
            _ = try ECBRatesCSV.parse(text)
            return nil
        } catch {
            guard case let .malformedFile(line, reason) = error else { return nil }
            return (line, reason)
        }
    }

    @Test func reportsAMalformedRowWithItsLineNumber() throws {
        let header = "Date,USD,JPY,\n2025-11-21,1.1512,181.32,\n"
        let tooFew = try #require(Self.failure(header + "2025-11-20,1.1505,\n"))
        #expect(tooFew.line == 3)
        #expect(tooFew.reason.contains("2 rates"))
        let tooMany = try #require(Self.failure(header + "2025-11-20,1.1505,179.71,12.5,\n"))
        #expect(tooMany.line == 3)
        let badDate = try #require(Self.failure(header + "\n2025-11-31,1.1505,179.71,\n"))
        #expect(badDate.line == 4, "blank lines still count")
        #expect(badDate.reason.contains("2025-11-31"))
        let badNumber = try #require(Self.failure(header + "2025-11-20,1.1505,179,71,\n"))
        #expect(badNumber.line == 3)
        let notANumber = try #require(Self.failure(header + "2025-11-20,1.15O5,179.71,\n"))
        #expect(notANumber.line == 3 && notANumber.reason.contains("USD") && notANumber.reason.contains("1.15O5"))
        let negative = try #require(Self.failure(header + "2025-11-20,-1.1505,179.71,\n"))
        #expect(negative.line == 3)
        let zero = try #require(Self.failure(header + "2025-11-20,1.1505,0,\n"))
        #expect(zero.line == 3 && zero.reason.contains("JPY"))
        let twice = try #require(Self.failure(header + "2025-11-20,1.1505,179.71,\n2025-11-21,1.1500,181.00,\n"))
        #expect(twice.line == 4 && twice.reason.contains("line 2"))
    }

    @Test func reportsAMissingOrWrongHeader() throws {
        #expect(Self.failure("")?.line == 1)
        #expect(Self.failure("\n\n")?.line == 1)
        let noHeader = try #require(Self.failure("2025-11-21,1.1512,181.32,\n"))
        #expect(noHeader.line == 1 && noHeader.reason.contains("Date"))
        let doubled = try #require(Self.failure("Date,USD,usd,\n"))
        #expect(doubled.line == 1 && doubled.reason.contains("USD"))
    }

    @Test func aMalformedFileErrorTellsTheUserWhere() {
        let error = FXError.malformedFile(line: 7, reason: "the USD rate \"x\" is not a positive decimal")
        #expect(error.code == .badUserInput)
        #expect(error.message.contains("Line 7"))
    }
}
