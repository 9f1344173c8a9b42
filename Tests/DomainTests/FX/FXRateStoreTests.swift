import Domain
import Foundation
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// `control.fx_rates` on the real PostgreSQL. The test database is shared and never reset, so each test works in
/// its own far-off years (the fixture moved by a multiple of 400 years keeps its weekdays) and deletes its rows.
@Suite struct FXRateStoreTests {
    static func currency(_ code: String) -> Currency { Currency(code: code)! }

    /// The fixture's rates moved `400 × cycles` years later.
    static func fixtureRates(cycles: Int) throws -> [FXRate] {
        let text = try String(contentsOf: FXECBRatesCSVTests.fixture, encoding: .utf8)
        return try ECBRatesCSV.parse(text).map { rate in
            FXRate(day: shifted(rate.day, cycles: cycles), base: rate.base, quote: rate.quote, rate: rate.rate)
        }
    }

    static func shifted(_ day: CalendarDate, cycles: Int) -> CalendarDate {
        CalendarDate(year: day.year + 400 * cycles, month: day.month, day: day.day)!
    }

    static func day(_ iso: String, cycles: Int) -> CalendarDate { shifted(CalendarDate(iso: iso)!, cycles: cycles) }

    static func count(_ database: Database, year: Int) async throws -> Int {
        let rows = try await database.client.query(
            "SELECT count(*)::int8 FROM control.fx_rates WHERE extract(year FROM day) = \(year)", logger: TestStack.logger)
        var count: Int64 = 0
        for try await value in rows.decode(Int64.self) { count = value }
        return Int(count)
    }

    static func stored(_ database: Database, day: CalendarDate, quote: String) async throws -> (rate: String, importedAt: Date)? {
        let rows = try await database.client.query(
            """
            SELECT rate::text, imported_at FROM control.fx_rates
            WHERE base = 'EUR' AND quote = \(quote) AND day = \(day.iso)::date
            """, logger: TestStack.logger)
        var result: (String, Date)?
        for try await (rate, at) in rows.decode((String, Date).self) { result = (rate, at) }
        return result.map { (ExactDecimal($0.0)!.description, $0.1) }
    }

    static func deleteYear(_ database: Database, _ year: Int) async throws {
        try await database.withControlTransaction { connection in
            try await connection.query(
                "DELETE FROM control.fx_rates WHERE day BETWEEN \("\(year)-01-01")::date AND \("\(year)-12-31")::date",
                logger: TestStack.logger)
        }
    }

    @Test func importingTwiceKeepsOneRowPerPairAndDayAndTheLatestImportWins() async throws {
        let database = try await TestStack.database()
        let store = FXRateStore(database: database, logger: TestStack.logger)
        let cycles = Int.random(in: 3...9)
        let year = 2025 + 400 * cycles
        try await Self.deleteYear(database, year)
        let rates = try Self.fixtureRates(cycles: cycles)
        let friday = Self.day("2025-11-21", cycles: cycles)

        #expect(try await store.importRates(rates) == 169)
        #expect(try await Self.count(database, year: year) == 169)
        let first = try #require(try await Self.stored(database, day: friday, quote: "GBP"))
        #expect(first.rate == "0.87863")

        #expect(try await store.importRates(rates) == 169)
        #expect(try await Self.count(database, year: year) == 169)
        let again = try #require(try await Self.stored(database, day: friday, quote: "GBP"))
        #expect(again.rate == "0.87863")
        #expect(again.importedAt == first.importedAt, "an unchanged rate's row is left alone")

        // A corrected rate replaces the stored one; the same pair and day twice in one import: the later counts.
        let corrected = [
            FXRate(day: friday, base: Self.currency("EUR"), quote: Self.currency("GBP"), rate: ExactDecimal("0.8790")!),
            FXRate(day: friday, base: Self.currency("EUR"), quote: Self.currency("GBP"), rate: ExactDecimal("0.8801")!),
        ]
        #expect(try await store.importRates(corrected) == 1)
        #expect(try await Self.count(database, year: year) == 169)
        let updated = try #require(try await Self.stored(database, day: friday, quote: "GBP"))
        #expect(updated.rate == "0.8801")
        #expect(updated.importedAt > first.importedAt)
        #expect(try await Self.stored(database, day: friday, quote: "USD")?.rate == "1.1499")
        try await Self.deleteYear(database, year)
    }

    @Test func aRateTheTableCannotHoldFailsTheWholeImport() async throws {
        let database = try await TestStack.database()
        let store = FXRateStore(database: database, logger: TestStack.logger)
        let year = 2025 + 400 * Int.random(in: 17...19)
        let day = CalendarDate(year: year, month: 1, day: 2)!
        let good = FXRate(day: day, base: Self.currency("EUR"), quote: Self.currency("USD"), rate: ExactDecimal("1.1")!)
        let tooPrecise = FXRate(day: day, base: Self.currency("EUR"), quote: Self.currency("GBP"), rate: ExactDecimal("0.8786000000001")!)
        await #expect(throws: FXError.badRate(tooPrecise, reason: "at most 12 digits after the point are kept")) {
            try await store.importRates([good, tooPrecise])
        }
        let itself = FXRate(day: day, base: Self.currency("EUR"), quote: Self.currency("EUR"), rate: ExactDecimal("1")!)
        await #expect(throws: FXError.badRate(itself, reason: "a currency cannot be quoted against itself")) {
            try await store.importRates([good, itself])
        }
        let negative = FXRate(day: day, base: Self.currency("EUR"), quote: Self.currency("JPY"), rate: ExactDecimal("-181")!)
        await #expect(throws: FXError.self) { try await store.importRates([negative]) }
        #expect(try await Self.count(database, year: year) == 0, "nothing was written")
    }

    @Test func aRateTableLoadsOnlyThePairsAndDaysItNeeds() async throws {
        let database = try await TestStack.database()
        let store = FXRateStore(database: database, logger: TestStack.logger)
        let cycles = Int.random(in: 10...16)
        let year = 2025 + 400 * cycles
        try await Self.deleteYear(database, year)
        try await store.importRates(try Self.fixtureRates(cycles: cycles))
        let usd = Self.currency("USD"), jpy = Self.currency("JPY"), eur = Self.currency("EUR")

        // Saturday 15 through Wednesday 19 November: rows from the 8th (7 days before) through the 19th.
        let saturday = Self.day("2025-11-15", cycles: cycles)
        #expect(saturday.weekday == 6)
        let table = try await store.rateTable(for: [usd, jpy], from: saturday, through: Self.day("2025-11-19", cycles: cycles))
        let loaded = table.rates
        #expect(Set(loaded.map { "\($0.base)/\($0.quote)" }) == ["EUR/USD", "EUR/JPY"])
        let days = Set(loaded.map(\.day))
        let expectedDays = ["2025-11-10", "2025-11-11", "2025-11-12", "2025-11-13", "2025-11-14", "2025-11-17", "2025-11-18", "2025-11-19"]
        #expect(days == Set(expectedDays.map { Self.day($0, cycles: cycles) }))
        #expect(loaded.count == 16)

        // Saturday uses Friday the 14th: 100.00 USD = 10,000 × 178.99 / 1.1576 / 100 = 15,462.16… JPY.
        let friday = FXRateTable([
            FXRate(day: saturday, base: eur, quote: usd, rate: ExactDecimal("1.1576")!),
            FXRate(day: saturday, base: eur, quote: jpy, rate: ExactDecimal("178.99")!),
        ])
        let converted = table.convert(Money(minorUnits: 10_000, currency: usd), to: jpy, on: saturday)
        #expect(converted == Money(minorUnits: 15_462, currency: jpy))
        #expect(converted == friday.convert(Money(minorUnits: 10_000, currency: usd), to: jpy, on: saturday))
        #expect(table.rate(from: eur, to: usd, on: Self.day("2025-11-19", cycles: cycles))?.description == "1.1516")
        #expect(table.rate(from: eur, to: usd, on: Self.day("2025-11-20", cycles: cycles)) == nil, "after `through`")

        // Two non-euro currencies bring EUR's legs for the cross; a currency without rates brings nothing.
        let cross = try await store.rateTable(
            for: [Self.currency("GBP"), Self.currency("CHF"), Self.currency("MAD")],
            from: Self.day("2025-11-21", cycles: cycles), through: Self.day("2025-11-21", cycles: cycles))
        #expect(Set(cross.rates.map(\.quote.code)) == ["GBP", "CHF"])
        #expect(cross.rates.count == 2 * 6, "6 working days from the 14th to the 21st")
        #expect(cross.rate(from: Self.currency("GBP"), to: Self.currency("CHF"), on: Self.day("2025-11-21", cycles: cycles)) != nil)
        try await Self.deleteYear(database, year)
    }

    /// Also the import timing figure: FX_IMPORT_RATES=200000 swift test --filter FXRateStoreTests prints it for the
    /// full ECB history's size. No time limit is asserted.
    @Test func aLargeImportGoesInChunksInOneTransaction() async throws {
        let database = try await TestStack.database()
        let store = FXRateStore(database: database, logger: TestStack.logger)
        let total = ProcessInfo.processInfo.environment["FX_IMPORT_RATES"].flatMap(Int.init) ?? 25_000
        let quotes = Currency.allCodes.filter { $0 != "EUR" }.prefix(41).map { Self.currency($0) }
        let firstYear = 1100 + 40 * Int.random(in: 0...20)
        let start = CalendarDate(year: firstYear, month: 1, day: 1)!
        var rates: [FXRate] = []
        rates.reserveCapacity(total)
        var index = 0
        while rates.count < total {
            let day = start.adding(days: index / quotes.count)
            let significand = Int128(10_000 + (index * 7_919) % 990_000)
            rates.append(FXRate(day: day, base: Self.currency("EUR"), quote: quotes[index % quotes.count],
                                rate: ExactDecimal(significand: significand, scale: 4)))
            index += 1
        }
        let last = rates.last!.day
        let clock = ContinuousClock()
        let started = clock.now
        let imported = try await store.importRates(rates)
        let firstTime = clock.now - started
        let restarted = clock.now
        try await store.importRates(rates)
        let secondTime = clock.now - restarted
        print("FX import: \(imported) rates (\(quotes.count) currencies, \(start)..\(last)) in \(firstTime); re-import unchanged in \(secondTime)")
        #expect(imported == total)
        let rows = try await database.client.query(
            "SELECT count(*)::int8, min(day)::text, max(day)::text FROM control.fx_rates WHERE day BETWEEN \(start.iso)::date AND \(last.iso)::date",
            logger: TestStack.logger)
        for try await (count, first, final) in rows.decode((Int64, String, String).self) {
            #expect(count == Int64(total))
            #expect(first == start.iso)
            #expect(final == last.iso)
        }
        let sample = rates[total / 2]
        let table = try await store.rateTable(for: [sample.quote], from: sample.day, through: sample.day)
        #expect(table.rate(from: sample.base, to: sample.quote, on: sample.day) == sample.rate)
        try await database.withControlTransaction { connection in
            try await connection.query(
                "DELETE FROM control.fx_rates WHERE day BETWEEN \(start.iso)::date AND \(last.iso)::date", logger: TestStack.logger)
        }
    }
}
