/// Why a recurrence rule was refused; every case names the input field at fault.
public enum RecurrenceRuleError: DomainError, Equatable {
    /// `interval` is outside 1...366.
    case intervalOutOfRange(Int)
    /// `dayOfMonth` is outside 1...31.
    case dayOfMonthOutOfRange(Int)
    /// Both `dayOfMonth` and `lastDayOfMonth` were given.
    case dayOfMonthAndLastDayOfMonth
    /// `dayOfMonth` or `lastDayOfMonth` with a frequency other than MONTHLY.
    case monthDayWithoutMonthlyFrequency(RecurrenceFrequency)
    /// `end` is before `start`.
    case endBeforeStart(start: CalendarDate, end: CalendarDate)
    /// `count` is below 1.
    case countBelowOne(Int)

    public var code: ErrorCode { .badUserInput }

    public var message: String {
        switch self {
        case let .intervalOutOfRange(value):
            return "The interval is how many periods apart occurrences are: 1 to 366, not \(value)."
        case let .dayOfMonthOutOfRange(value):
            return "The day of the month is 1 to 31 (a shorter month uses its last day), not \(value)."
        case .dayOfMonthAndLastDayOfMonth:
            return "Give either a day of the month or the last day of the month, not both."
        case let .monthDayWithoutMonthlyFrequency(frequency):
            return "A day of the month or the last day of the month goes with the MONTHLY frequency, not \(frequency.rawValue)."
        case let .endBeforeStart(start, end):
            return "The end date \(end.iso) is before the start date \(start.iso)."
        case let .countBelowOne(value):
            return "The number of occurrences is at least 1, not \(value)."
        }
    }

    public var field: String? {
        switch self {
        case .intervalOutOfRange: return "interval"
        case .dayOfMonthOutOfRange, .dayOfMonthAndLastDayOfMonth, .monthDayWithoutMonthlyFrequency: return "dayOfMonth"
        case .endBeforeStart: return "end"
        case .countBelowOne: return "count"
        }
    }
}
