/// A set of published rates in memory, answering "what is 1 X in Y on day D" and converting money with it. Pure:
/// `FXRateStore.rateTable` loads one from the database in a single query, tests build one from literals.
///
/// **Which rate applies on a day.** The ECB publishes once per working day (around 16:00 CET) and not at all on
/// weekends and TARGET holidays. The rate for day D is the latest one published on D or before it, provided it is at
/// most `maximumStaleness` (7) days old: a Saturday or a Sunday uses Friday's rate, Easter Monday uses the Thursday
/// before Good Friday, and the Christmas closure is covered; a gap of more than a week means the rates were not
/// imported, and the answer is "no rate" rather than an old number.
///
/// **Which pair.** Equal currencies convert at exactly 1. Otherwise, in this order: the pair as published
/// (`from`/`to`), the inverse of the opposite pair (`to`/`from`), or a cross through EUR (`from` → EUR → `to`, each
/// leg direct or inverted). Inverse and cross ratios are exact fractions (`FXRatio`): a conversion rounds once.
public struct FXRateTable: Sendable {
    /// How many days before the requested day a published rate still applies.
    public static let maximumStaleness = 7

    /// The days the table answers for, when it was loaded for a range: outside it, a newer rate the table did not
    /// load might apply, so the table answers nil rather than guess.
    public let coverage: ClosedRange<CalendarDate>?

    private struct Pair: Hashable {
        let base: Currency
        let quote: Currency
    }

    /// Per pair, (day number, rate) sorted by day, one entry per day (the last given wins).
    private let series: [Pair: [(day: Int, rate: ExactDecimal)]]

    private static let euro = Currency(code: "EUR")!

    /// A table of `rates`; when two rates share a pair and day, the later one in the array wins. Rates that are not
    /// positive or quote a currency against itself are ignored. With `coverage`, lookups outside it answer nil.
    public init(_ rates: [FXRate], coverage: ClosedRange<CalendarDate>? = nil) {
        var byPair: [Pair: [Int: ExactDecimal]] = [:]
        for rate in rates where rate.base != rate.quote && rate.rate.signum > 0 {
            byPair[Pair(base: rate.base, quote: rate.quote), default: [:]][rate.day.dayNumber] = rate.rate
        }
        series = byPair.mapValues { days in days.sorted { $0.key < $1.key }.map { (day: $0.key, rate: $0.value) } }
        self.coverage = coverage
    }

    /// Every rate held, by pair then day.
    public var rates: [FXRate] {
        series.flatMap { pair, entries in
            entries.map { FXRate(day: CalendarDate(dayNumber: $0.day), base: pair.base, quote: pair.quote, rate: $0.rate) }
        }.sorted { ($0.base, $0.quote, $0.day) < ($1.base, $1.quote, $1.day) }
    }

    /// The currencies that appear in some rate.
    public var currencies: Set<Currency> {
        Set(series.keys.flatMap { [$0.base, $0.quote] })
    }

    /// The published rate of exactly this pair applying on `day` (latest on or before it, at most 7 days old).
    private func published(_ base: Currency, _ quote: Currency, on day: Int) -> ExactDecimal? {
        guard let entries = series[Pair(base: base, quote: quote)] else { return nil }
        // Binary search for the last entry with entry.day <= day.
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].day <= day { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let entry = entries[low - 1]
        return day - entry.day <= Self.maximumStaleness ? entry.rate : nil
    }

    /// One leg: the pair as published or the inverse of the opposite pair.
    private func leg(_ from: Currency, _ to: Currency, on day: Int) -> FXRatio? {
        if from == to { return .one }
        if let direct = published(from, to, on: day) { return FXRatio(direct) }
        if let opposite = published(to, from, on: day) { return FXRatio(opposite).inverted }
        return nil
    }

    /// The exact ratio converting `from` into `to` on `day` (see the type's rules), or nil when no rate applies or
    /// `day` is outside the table's coverage.
    public func ratio(from: Currency, to: Currency, on day: CalendarDate) -> FXRatio? {
        if from == to { return .one }
        if let coverage, !coverage.contains(day) { return nil }
        let number = day.dayNumber
        if let direct = leg(from, to, on: number) { return direct }
        guard from != Self.euro, to != Self.euro,
              let toEuro = leg(from, Self.euro, on: number), let fromEuro = leg(Self.euro, to, on: number)
        else { return nil }
        return toEuro * fromEuro
    }

    /// 1 `from` in `to` on `day` as a decimal: exact for a published pair and for identity; an inverse or cross rate
    /// is not a finite decimal in general and is shown rounded half to even to 12 fractional digits (what the
    /// database keeps). Conversions use the exact `ratio(from:to:on:)`, never this rounded figure.
    public func rate(from: Currency, to: Currency, on day: CalendarDate) -> ExactDecimal? {
        if from == to { return ExactDecimal(1) }
        if let coverage, !coverage.contains(day) { return nil }
        if let direct = published(from, to, on: day.dayNumber) { return direct }
        return ratio(from: from, to: to, on: day)?.rounded(scale: 12)
    }

    /// `money` in `to` on `day` with one half-to-even rounding (`FXConversion`), or nil when no rate applies or the
    /// result is out of range. `convertOrThrow` says which.
    public func convert(_ money: Money, to: Currency, on day: CalendarDate) -> Money? {
        try? convertOrThrow(money, to: to, on: day)
    }

    /// `money` in `to` on `day`, or `FXError.noRate` naming the missing pair and day, or `.amountOutOfRange`.
    public func convertOrThrow(_ money: Money, to: Currency, on day: CalendarDate) throws(FXError) -> Money {
        guard let ratio = ratio(from: money.currency, to: to, on: day) else {
            throw .noRate(from: money.currency, to: to, on: day)
        }
        return try FXConversion.convert(money, to: to, ratio: ratio)
    }
}
