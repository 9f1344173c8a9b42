/// How often a recurring transaction repeats.
public enum RecurrenceFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    case daily = "DAILY"
    case weekly = "WEEKLY"
    case monthly = "MONTHLY"
    case yearly = "YEARLY"
}

/// One occurrence of a rule: its 0-based ordinal since the start, and its day.
public struct Occurrence: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 0 for the first occurrence, 1 for the second, ... Stable: the same rule always gives the same index the same
    /// date, so "the last index materialised" is all a scheduler has to remember.
    public let index: Int
    public let date: CalendarDate

    public init(index: Int, date: CalendarDate) {
        self.index = index
        self.date = date
    }

    public var description: String { "#\(index) \(date.iso)" }
}

/// When a recurring transaction falls due: every `interval` days, weeks, months or years from `start`, until `end`
/// (inclusive) and/or for `count` occurrences. Pure date arithmetic, no time zones.
///
/// - DAILY and WEEKLY: `start`, then every `interval` days or `7 × interval` days (the weekday of `start`).
/// - MONTHLY: every `interval` months, on `start`'s day of the month, or on `dayOfMonth`, or on the last day
///   (`lastDayOfMonth`). In a month too short for the day, the month's last day: from January 31 come February 28
///   (29 in a leap year), March 31, April 30, ... Each date is computed from the anchor, never from the previous
///   date, so the day does not drift down after February. With `dayOfMonth` before `start`'s day, the first
///   occurrence is in the next period (start 10 January, day 5: first on 5 February).
/// - YEARLY: every `interval` years on `start`'s month and day; a February 29 start falls on February 28 in other
///   years and on February 29 again in leap years.
///
/// Every listing is bounded by its `through` day (and by year 9999), so no rule makes it loop for long: at most one
/// step per day between `start` and `through`.
public struct RecurrenceRule: Sendable, Hashable, Codable {
    public let frequency: RecurrenceFrequency
    /// Periods between occurrences, 1...366: every 2 weeks is WEEKLY with interval 2.
    public let interval: Int
    /// MONTHLY only: the day of the month, 1...31 (the last day of a shorter month).
    public let dayOfMonth: Int?
    /// MONTHLY only: on the last day of each month.
    public let lastDayOfMonth: Bool
    /// The first day an occurrence can fall on.
    public let start: CalendarDate
    /// The last day an occurrence can fall on (inclusive), if any.
    public let end: CalendarDate?
    /// The number of occurrences after which the rule ends, if any.
    public let count: Int?

    /// A rule, checked: `interval` 1...366, `dayOfMonth` 1...31, not both `dayOfMonth` and `lastDayOfMonth`, either
    /// of them only with MONTHLY, `end` not before `start`, `count` at least 1.
    public init(
        frequency: RecurrenceFrequency, interval: Int = 1, dayOfMonth: Int? = nil, lastDayOfMonth: Bool = false,
        start: CalendarDate, end: CalendarDate? = nil, count: Int? = nil
    ) throws(RecurrenceRuleError) {
        guard (1...366).contains(interval) else { throw .intervalOutOfRange(interval) }
        if let dayOfMonth, !(1...31).contains(dayOfMonth) { throw .dayOfMonthOutOfRange(dayOfMonth) }
        if dayOfMonth != nil && lastDayOfMonth { throw .dayOfMonthAndLastDayOfMonth }
        if (dayOfMonth != nil || lastDayOfMonth) && frequency != .monthly { throw .monthDayWithoutMonthlyFrequency(frequency) }
        if let end, end < start { throw .endBeforeStart(start: start, end: end) }
        if let count, count < 1 { throw .countBelowOne(count) }
        self.frequency = frequency
        self.interval = interval
        self.dayOfMonth = dayOfMonth
        self.lastDayOfMonth = lastDayOfMonth
        self.start = start
        self.end = end
        self.count = count
    }

    private enum CodingKeys: String, CodingKey {
        case frequency, interval, dayOfMonth, lastDayOfMonth, start, end, count
    }

    /// Decodes and validates like the initializer: a stored rule that breaks a rule is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                frequency: container.decode(RecurrenceFrequency.self, forKey: .frequency),
                interval: container.decodeIfPresent(Int.self, forKey: .interval) ?? 1,
                dayOfMonth: container.decodeIfPresent(Int.self, forKey: .dayOfMonth),
                lastDayOfMonth: container.decodeIfPresent(Bool.self, forKey: .lastDayOfMonth) ?? false,
                start: container.decode(CalendarDate.self, forKey: .start),
                end: container.decodeIfPresent(CalendarDate.self, forKey: .end),
                count: container.decodeIfPresent(Int.self, forKey: .count))
        } catch let error as RecurrenceRuleError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(interval, forKey: .interval)
        try container.encodeIfPresent(dayOfMonth, forKey: .dayOfMonth)
        try container.encode(lastDayOfMonth, forKey: .lastDayOfMonth)
        try container.encode(start, forKey: .start)
        try container.encodeIfPresent(end, forKey: .end)
        try container.encodeIfPresent(count, forKey: .count)
    }

    /// Every occurrence on or before `through`, honouring `end` and `count`.
    public func occurrences(through: CalendarDate) -> [Occurrence] {
        occurrences(after: nil, through: through)
    }

    /// The occurrences whose index is above `index` (all of them when nil) and whose date is on or before `through`,
    /// honouring `end` and `count`: what is due since a run that last materialised occurrence `index`.
    public func occurrences(after index: Int?, through: CalendarDate) -> [Occurrence] {
        let last = min(through, end ?? through)
        guard last >= start else { return [] }
        // Occurrences are at least a day apart, so occurrence n is on or after start + n days: past this index
        // nothing can be on or before `last`. This bounds the loop and keeps huge `after` values from overflowing.
        var limit = start.days(until: last)
        if let count { limit = min(limit, count - 1) }
        let after = max(index ?? -1, -1)
        guard after < limit else { return [] }
        var result: [Occurrence] = []
        var n = after + 1
        while n <= limit, let date = date(ofPeriod: n + periodOffset), date <= last {
            result.append(Occurrence(index: n, date: date))
            n += 1
        }
        return result
    }

    /// The first occurrence after index `index` (the first of all when nil), with no upper day: nil when the rule has
    /// ended by then (`end`, `count`, or year 9999).
    public func nextOccurrence(after index: Int?) -> Occurrence? {
        // Beyond 3,652,059 occurrences (days from 0001-01-01 to 9999-12-31) every rule has passed year 9999.
        let after = max(index ?? -1, -1)
        guard after < 3_652_059 else { return nil }
        let n = after + 1
        if let count, n >= count { return nil }
        guard let date = date(ofPeriod: n + periodOffset) else { return nil }
        if let end, date > end { return nil }
        return Occurrence(index: n, date: date)
    }

    /// 1 when the first period's candidate day falls before `start` (MONTHLY with `dayOfMonth` before `start`'s day):
    /// that period has no occurrence, and occurrence 0 is in the next one.
    private var periodOffset: Int {
        guard frequency == .monthly, let first = date(ofPeriod: 0), first < start else { return 0 }
        return 1
    }

    /// The candidate day of period `k` (0 is `start`'s period), or nil beyond year 9999.
    private func date(ofPeriod k: Int) -> CalendarDate? {
        switch frequency {
        case .daily, .weekly:
            let step = frequency == .daily ? interval : 7 * interval
            let date = start.adding(days: k * step)
            return date.year <= 9999 ? date : nil
        case .monthly:
            let monthIndex = start.year * 12 + (start.month - 1) + k * interval
            let year = monthIndex / 12
            let month = monthIndex % 12 + 1
            guard year <= 9999 else { return nil }
            let length = CalendarDate.daysIn(month: month, year: year)
            let day = lastDayOfMonth ? length : min(dayOfMonth ?? start.day, length)
            return CalendarDate(year: year, month: month, day: day)
        case .yearly:
            let year = start.year + k * interval
            guard year <= 9999 else { return nil }
            return CalendarDate(year: year, month: start.month, day: min(start.day, CalendarDate.daysIn(month: start.month, year: year)))
        }
    }
}
