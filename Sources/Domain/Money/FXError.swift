/// Why a currency conversion or an exchange-rate import could not be done.
public enum FXError: DomainError, Equatable {
    /// No usable rate converts `from` into `to` on `on`: none published on that day or in the 7 days before it
    /// (`FXRateTable.maximumStaleness`), directly, inverted or through EUR.
    case noRate(from: Currency, to: Currency, on: CalendarDate)
    /// The converted amount is beyond the largest amount of money we hold (`MinorUnits.maximumMagnitude`).
    case amountOutOfRange(Money, to: Currency)
    /// A rate cannot be stored: not positive, a currency quoted against itself, or more digits than the table keeps
    /// (16 before the point, 12 after).
    case badRate(FXRate, reason: String)
    /// A line of an exchange-rate file is malformed; `line` counts from 1.
    case malformedFile(line: Int, reason: String)

    public var code: ErrorCode {
        switch self {
        case .noRate: return .notFound
        case .amountOutOfRange, .badRate, .malformedFile: return .badUserInput
        }
    }

    public var message: String {
        switch self {
        case let .noRate(from, to, on):
            return "No exchange rate from \(from.code) to \(to.code) is known for \(on.iso) or the \(FXRateTable.maximumStaleness) days "
                + "before it; an operator loads the ECB reference rates with `budgetai import-fx-rates FILE`."
        case let .amountOutOfRange(money, to):
            return "\(money) converted to \(to.code) is larger than the largest amount this service can hold."
        case let .badRate(rate, reason):
            return "The rate \(rate.base.code)/\(rate.quote.code) = \(rate.rate) on \(rate.day.iso) cannot be stored: \(reason)."
        case let .malformedFile(line, reason):
            return "Line \(line) of the exchange-rate file is malformed: \(reason)."
        }
    }

    public var field: String? {
        switch self {
        case .amountOutOfRange: return "amount"
        case .noRate, .badRate, .malformedFile: return nil
        }
    }
}
