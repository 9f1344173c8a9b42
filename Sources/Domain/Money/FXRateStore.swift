import Logging
import Persistence
import PostgresNIO

/// The platform's exchange rates in `control.fx_rates`: reference data shared by every workspace, written by the
/// operator command `budgetai import-fx-rates` and read as an `FXRateTable` for a set of currencies and days.
public struct FXRateStore: Sendable {
    public let database: Database
    let logger: Logger

    /// Rows per INSERT statement: large enough that the full ECB history (about 200,000 rates) takes a few dozen
    /// round trips, small enough to keep each bound array a few hundred kilobytes.
    public static let importChunkSize = 10_000

    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Stores `rates` in one transaction and returns how many distinct (base, quote, day) rates it holds.
    ///
    /// An existing rate for the same pair and day is replaced (the latest import wins; `imported_at` records when a
    /// row last changed, and a re-import of an unchanged rate leaves its row alone). When `rates` names the same pair
    /// and day twice, the later one counts. Every rate is checked before anything is written: one that the table
    /// cannot hold exactly (`FXRate.storageProblem`) fails the whole import with `FXError.badRate`. `audit`, when
    /// given, is recorded in the same transaction.
    @discardableResult
    public func importRates(_ rates: [FXRate], source: String = "ECB", audit: AuditEvent? = nil) async throws -> Int {
        var positions: [UInt128: Int] = [:]
        positions.reserveCapacity(rates.count)
        var distinct: [FXRate] = []
        distinct.reserveCapacity(rates.count)
        for rate in rates {
            if let problem = rate.storageProblem { throw FXError.badRate(rate, reason: problem) }
            let key = Self.key(rate)
            if let position = positions[key] {
                distinct[position] = rate
            } else {
                positions[key] = distinct.count
                distinct.append(rate)
            }
        }
        guard !distinct.isEmpty || audit != nil else { return 0 }
        let rows = distinct
        try await database.withControlTransaction { connection in
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(start + Self.importChunkSize, rows.count)]
                start += chunk.count
                // Each column goes as one bound array literal ("{2025-11-21,2025-11-20}") cast in SQL: one statement per
                // chunk, exact for numeric, and far cheaper to encode than arrays of thousands of bound strings.
                let days = Self.arrayLiteral(chunk.map(\.day.iso))
                let bases = Self.arrayLiteral(chunk.map(\.base.code))
                let quotes = Self.arrayLiteral(chunk.map(\.quote.code))
                let values = Self.arrayLiteral(chunk.map(\.rate.description))
                try await connection.query(
                    """
                    INSERT INTO control.fx_rates AS existing (day, base, quote, rate, source)
                    SELECT day, base, quote, rate, \(source)
                    FROM unnest(\(days)::date[], \(bases)::text[], \(quotes)::text[], \(values)::numeric[]) AS incoming (day, base, quote, rate)
                    ON CONFLICT (base, quote, day) DO UPDATE
                        SET rate = EXCLUDED.rate, source = EXCLUDED.source, imported_at = now()
                        WHERE (existing.rate, existing.source) IS DISTINCT FROM (EXCLUDED.rate, EXCLUDED.source)
                    """, logger: logger)
            }
            if let audit {
                try await AuditLog.record(audit, on: connection, logger: logger)
            }
        }
        return distinct.count
    }

    /// Every stored rate needed to convert among `currencies` (and EUR, for cross rates) on any day from `from`
    /// through `through`, in one query, as a table covering exactly that range.
    ///
    /// A day uses the latest rate at most `FXRateTable.maximumStaleness` days old, so the rows read start 7 days
    /// before `from`: that includes the latest rate on or before `from` whenever one is usable (ECB publishes nothing
    /// on weekends and holidays), and nothing older, which could never apply.
    public func rateTable(for currencies: Set<Currency>, from: CalendarDate, through: CalendarDate) async throws -> FXRateTable {
        guard from <= through else { return FXRateTable([], coverage: nil) }
        var codes = Set(currencies.map(\.code))
        codes.insert("EUR")
        let sortedCodes = codes.sorted()
        let earliest = from.adding(days: -FXRateTable.maximumStaleness).iso
        let latest = through.iso
        let result = try await database.client.query(
            """
            SELECT (day - DATE '1970-01-01')::int4, base::text, quote::text, rate::text
            FROM control.fx_rates
            WHERE base = ANY(\(sortedCodes)::text[]::char(3)[]) AND quote = ANY(\(sortedCodes)::text[]::char(3)[])
              AND day BETWEEN \(earliest)::date AND \(latest)::date
            """, logger: logger)
        var rates: [FXRate] = []
        for try await (dayNumber, base, quote, text) in result.decode((Int32, String, String, String).self) {
            guard let baseCurrency = Currency(code: base), let quoteCurrency = Currency(code: quote),
                  let rate = ExactDecimal(text) else { continue }
            rates.append(FXRate(day: CalendarDate(dayNumber: Int(dayNumber)), base: baseCurrency, quote: quoteCurrency, rate: rate))
        }
        return FXRateTable(rates, coverage: from...through)
    }
}

extension FXRateStore {
    /// The primary key (base, quote, day) packed into one integer: three ASCII letters each, and the day number.
    static func key(_ rate: FXRate) -> UInt128 {
        func letters(_ currency: Currency) -> UInt128 {
            currency.code.utf8.reduce(0) { $0 << 8 | UInt128($1) }
        }
        return letters(rate.base) << 88 | letters(rate.quote) << 64 | UInt128(UInt64(bitPattern: Int64(rate.day.dayNumber)))
    }

    /// A PostgreSQL array literal of items that need no quoting: ISO dates, currency codes and plain decimals.
    static func arrayLiteral(_ items: [String]) -> String {
        "{" + items.joined(separator: ",") + "}"
    }
}
