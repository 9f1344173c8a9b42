import Foundation

/// An amount summed per currency (and per day, when it is not already in the base currency), waiting to be converted.
struct CurrencySum: Sendable {
    let currency: Currency
    /// The day whose rate converts it; nil when `currency` is the base currency.
    let day: CalendarDate?
    let minorUnits: Int64
}

extension LedgerService {
    /// Converts sums to `base` with one rate table loaded for all of them: each sum with its day's rate, rounded once,
    /// half to even, to the base currency's minor unit (`FXConversion`). Sums already in `base` pass through unchanged.
    func toBase(_ sums: [CurrencySum], base: Currency) async throws -> [Int64] {
        let foreign = sums.filter { $0.currency != base }
        guard !foreign.isEmpty else { return sums.map(\.minorUnits) }
        let days = foreign.compactMap(\.day)
        guard let first = days.min(), let last = days.max() else { return sums.map(\.minorUnits) }
        let table = try await rates.rateTable(for: Set(foreign.map(\.currency)).union([base]), from: first, through: last)
        return try sums.map { sum in
            guard sum.currency != base, let day = sum.day else { return sum.minorUnits }
            return try table.convertOrThrow(Money(minorUnits: sum.minorUnits, currency: sum.currency), to: base, on: day).minorUnits
        }
    }

    /// The SQL that groups foreign-currency rows by day (for their rate) and base-currency rows not at all.
    static func conversionDaySQL(base: String) -> String {
        "CASE WHEN t.currency = \(base) THEN NULL ELSE (t.date - DATE '1970-01-01')::int4 END"
    }

    /// A `CurrencySum` from a row's currency code, optional day number and sum.
    static func currencySum(code: String, day: Int32?, minorUnits: Int64) -> CurrencySum {
        CurrencySum(currency: Cells.storedCurrency(code), day: day.map { CalendarDate(dayNumber: Int($0)) }, minorUnits: minorUnits)
    }
}
