/// The date layouts a CSV date column can have. Day and month may have one or two digits; two-digit years are
/// 2000-2069 below 70 and 1970-1999 from 70. Text after the date and a space or "T" (a time) is ignored.
public enum CSVDateFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case isoDashed = "yyyy-MM-dd"
    case isoSlashed = "yyyy/MM/dd"
    case isoDotted = "yyyy.MM.dd"
    case isoCompact = "yyyyMMdd"
    case dayMonthYearDotted = "dd.MM.yyyy"
    case dayMonthYearSlashed = "dd/MM/yyyy"
    case dayMonthYearDashed = "dd-MM-yyyy"
    case dayMonthShortYearDotted = "dd.MM.yy"
    case dayMonthShortYearSlashed = "dd/MM/yy"
    case monthDayYearSlashed = "MM/dd/yyyy"
    case monthDayYearDashed = "MM-dd-yyyy"
    case monthDayShortYearSlashed = "MM/dd/yy"

    /// The order of the parts in the text.
    enum Order: Sendable { case yearMonthDay, dayMonthYear, monthDayYear }

    var order: Order {
        switch self {
        case .isoDashed, .isoSlashed, .isoDotted, .isoCompact: .yearMonthDay
        case .dayMonthYearDotted, .dayMonthYearSlashed, .dayMonthYearDashed, .dayMonthShortYearDotted,
             .dayMonthShortYearSlashed: .dayMonthYear
        case .monthDayYearSlashed, .monthDayYearDashed, .monthDayShortYearSlashed: .monthDayYear
        }
    }

    /// The byte between the parts; nil for `yyyyMMdd`.
    var separator: UInt8? {
        switch self {
        case .isoCompact: nil
        case .isoDashed, .dayMonthYearDashed, .monthDayYearDashed: 0x2D
        case .isoDotted, .dayMonthYearDotted, .dayMonthShortYearDotted: 0x2E
        case .isoSlashed, .dayMonthYearSlashed, .dayMonthShortYearSlashed, .monthDayYearSlashed,
             .monthDayShortYearSlashed: 0x2F
        }
    }

    var hasShortYear: Bool {
        switch self {
        case .dayMonthShortYearDotted, .dayMonthShortYearSlashed, .monthDayShortYearSlashed: true
        default: false
        }
    }

    /// The same layout with day and month swapped (dd/MM/yyyy ↔ MM/dd/yyyy), when we know it.
    var swappingDayAndMonth: CSVDateFormat? {
        switch self {
        case .dayMonthYearSlashed: .monthDayYearSlashed
        case .monthDayYearSlashed: .dayMonthYearSlashed
        case .dayMonthYearDashed: .monthDayYearDashed
        case .monthDayYearDashed: .dayMonthYearDashed
        case .dayMonthShortYearSlashed: .monthDayShortYearSlashed
        case .monthDayShortYearSlashed: .dayMonthShortYearSlashed
        default: nil
        }
    }

    /// The date `text` names in this layout (surrounding spaces allowed), or nil.
    public func date(from text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { date(from: $0) }
    }

    func date(from bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        let range = ImportBytes.trimmed(bytes, 0..<bytes.count)
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] != 0x20, bytes[end] != 0x54 { end += 1 }  // " " or "T" starts a time
        let text = UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<end])
        guard let parts = parts(text) else { return nil }
        let (year, month, day): (Int, Int, Int)
        switch order {
        case .yearMonthDay: (year, month, day) = (parts.0, parts.1, parts.2)
        case .dayMonthYear: (year, month, day) = (parts.2, parts.1, parts.0)
        case .monthDayYear: (year, month, day) = (parts.2, parts.0, parts.1)
        }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The three numbers in text order, the year widened when the layout has a two-digit one.
    private func parts(_ text: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard let separator else {
            guard text.count == 8, let year = Self.number(text, 0..<4), let month = Self.number(text, 4..<6),
                  let day = Self.number(text, 6..<8) else { return nil }
            return (year, month, day)
        }
        // The two separator positions; a third separator, or fewer than two, is not this layout.
        var first = -1, second = -1
        for index in 0..<text.count where text[index] == separator {
            if first < 0 { first = index } else if second < 0 { second = index } else { return nil }
        }
        guard second > 0 else { return nil }
        let parts = (0..<first, (first + 1)..<second, (second + 1)..<text.count)
        let (year, monthOrDay, dayOrMonth) = order == .yearMonthDay ? parts : (parts.2, parts.0, parts.1)
        guard year.count == (hasShortYear ? 2 : 4), (1...2).contains(monthOrDay.count), (1...2).contains(dayOrMonth.count),
              let firstNumber = Self.number(text, parts.0), let secondNumber = Self.number(text, parts.1),
              let thirdNumber = Self.number(text, parts.2) else { return nil }
        return (firstNumber, secondNumber, hasShortYear ? Self.widenedYear(thirdNumber) : thirdNumber)
    }

    static func widenedYear(_ year: Int) -> Int { year < 70 ? 2000 + year : 1900 + year }

    static func number(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for index in range {
            let byte = text[index]
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
