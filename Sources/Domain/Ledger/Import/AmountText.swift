/// Reading the amounts banks write ("1.234,56 €", "(12.50)", "12.50-", "USD 3.00 DR") into plain decimals.
enum AmountText {
    /// An amount read from a cell: its normalised decimal and the currency mark it carried, if any.
    struct Reading: Sendable, Hashable {
        /// Optional "-", digits without leading zeros, optional "." and fraction digits.
        var decimal: String
        /// "€", "$", "£", "¥" or a three-letter code seen beside the number.
        var currencyMark: String?
    }

    /// The amount in `text` with `decimalSeparator` ("." or "," as a byte) as its decimal mark and the other one, spaces
    /// or apostrophes as digit grouping; nil when it is not a number.
    static func read(_ text: String, decimalSeparator: UInt8) -> Reading? {
        var text = text
        return text.withUTF8 { read($0, decimalSeparator: decimalSeparator) }
    }

    /// `read(_:decimalSeparator:)`'s decimal alone.
    static func normalise(_ text: String, decimalSeparator: UInt8) -> String? {
        read(text, decimalSeparator: decimalSeparator)?.decimal
    }

    /// The decimal with its sign flipped ("0" stays unsigned).
    static func negated(_ decimal: String) -> String {
        if decimal.hasPrefix("-") { return String(decimal.dropFirst()) }
        return isZero(decimal) ? decimal : "-" + decimal
    }

    /// Whether a normalised decimal is zero.
    static func isZero(_ decimal: String) -> Bool {
        decimal.utf8.allSatisfy { $0 == 0x30 || $0 == 0x2E || $0 == 0x2D }
    }

    /// Whether a normalised decimal is below zero.
    static func isNegative(_ decimal: String) -> Bool { decimal.hasPrefix("-") }

    private static let point: UInt8 = 0x2E
    private static let comma: UInt8 = 0x2C

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8) -> Reading? {
        guard let firstDigit = bytes.firstIndex(where: isDigit), let lastDigit = bytes.lastIndex(where: isDigit) else {
            return nil
        }
        var numberStart = firstDigit
        if numberStart > 0, bytes[numberStart - 1] == decimalSeparator { numberStart -= 1 }  // ".50"
        guard let prefix = Affix(UnsafeBufferPointer(rebasing: bytes[..<numberStart]), leading: true),
              let suffix = Affix(UnsafeBufferPointer(rebasing: bytes[(lastDigit + 1)...]), leading: false) else { return nil }
        let minusSigns = prefix.minusSigns + suffix.minusSigns
        guard prefix.openParenthesis == suffix.closeParenthesis, minusSigns <= (prefix.openParenthesis ? 0 : 1),
              !(prefix.currencyMark != nil && suffix.currencyMark != nil) else { return nil }
        let negative = minusSigns == 1 || prefix.openParenthesis || suffix.debit
        let number = UnsafeBufferPointer(rebasing: bytes[numberStart...lastDigit])
        // Sign, a possible "0" before a bare fraction, and the digits and point: never longer than the text plus two.
        let decimal = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: number.count + 2) { output in
            decimalText(number, decimalSeparator: decimalSeparator, negative: negative, into: output)
        }
        guard let decimal else { return nil }
        return Reading(decimal: decimal, currencyMark: prefix.currencyMark ?? suffix.currencyMark)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The number from its first to its last digit as a normalised decimal: grouping checked (groups of three after
    /// the first, or two as in Indian lakhs, the last one three) and dropped, leading zeros dropped, the decimal
    /// separator made ".", "-" in front when `negative` and not zero.
    private static func decimalText(
        _ number: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8, negative: Bool,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> String? {
        output[0] = 0x2D
        var end = 1
        var inFraction = false
        var isZero = true
        var groupLength = 0
        var groups = 0
        var index = 0
        while index < number.count {
            let byte = number[index]
            if isDigit(byte) {
                if byte != 0x30 { isZero = false }
                // Leading zeros of the whole part are dropped; "0" is written back at the point or the end if needed.
                if inFraction || byte != 0x30 || end > 1 {
                    output[end] = byte
                    end += 1
                }
                groupLength += 1
                index += 1
                continue
            }
            if byte == decimalSeparator {
                guard !inFraction, groups == 0 || groupLength == 3 else { return nil }
                if end == 1 {
                    output[end] = 0x30
                    end += 1
                }
                output[end] = 0x2E
                end += 1
                inFraction = true
                index += 1
                continue
            }
            guard !inFraction, let width = groupingWidth(number, at: index, decimalSeparator: decimalSeparator) else {
                return nil
            }
            guard groups == 0 ? (1...3).contains(groupLength) : (2...3).contains(groupLength) else { return nil }
            groups += 1
            groupLength = 0
            index += width
        }
        if !inFraction, groups > 0, groupLength != 3 { return nil }
        if end == 1 {
            output[end] = 0x30
            end += 1
        }
        let start = negative && !isZero ? 0 : 1
        return String(decoding: UnsafeBufferPointer(rebasing: output[start..<end]), as: UTF8.self)
    }

    /// The byte length of a digit-grouping mark at `index` (the separator that is not the decimal one, a space, a
    /// no-break or thin space, an apostrophe), or nil.
    private static func groupingWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, decimalSeparator: UInt8) -> Int? {
        let byte = bytes[index]
        if byte == (decimalSeparator == point ? comma : point) || byte == 0x20 || byte == 0x27 { return 1 }
        if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }  // U+00A0
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
           bytes[index + 2] == 0xAF || bytes[index + 2] == 0x89 || bytes[index + 2] == 0x99 { return 3 }  // U+202F, U+2009, U+2019
        return nil
    }

    /// What stands before or after the number: signs, parentheses, a currency mark, CR/DR, spaces.
    private struct Affix {
        var minusSigns = 0
        var openParenthesis = false
        var closeParenthesis = false
        var debit = false
        var currencyMark: String?

        /// Reads the text before (`leading`) or after the number; nil when it holds anything else.
        init?(_ text: UnsafeBufferPointer<UInt8>, leading: Bool) {
            var index = 0
            var letters: [UInt8] = []
            func flushLetters() -> Bool {
                guard !letters.isEmpty else { return true }
                defer { letters.removeAll() }
                switch String(decoding: letters, as: UTF8.self).uppercased() {
                case "CR" where !leading: return true
                case "DR" where !leading:
                    debit = true
                    return true
                case let code where currencyMark == nil && Currency(code: code) != nil:
                    currencyMark = code
                    return true
                default: return false
                }
            }
            while index < text.count {
                let byte = text[index]
                if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                    letters.append(byte)
                    index += 1
                    continue
                }
                guard flushLetters() else { return nil }
                switch byte {
                case 0x20, 0x09: index += 1
                case 0x2D: minusSigns += 1; index += 1
                case 0x2B: index += 1
                case 0x28 where leading: openParenthesis = true; index += 1
                case 0x29 where !leading: closeParenthesis = true; index += 1
                case 0x24: currencyMark = currencyMark ?? "$"; index += 1
                default:
                    guard let (mark, width) = Self.multibyteMark(text, at: index) else { return nil }
                    switch mark {
                    case .space: break
                    case .minus: minusSigns += 1
                    case .currency(let symbol): currencyMark = currencyMark ?? symbol
                    }
                    index += width
                }
            }
            guard flushLetters() else { return nil }
        }

        private enum Mark { case space, minus, currency(String) }

        /// A non-ASCII mark and its byte length: the euro, pound and yen signs, U+2212 minus, no-break and thin spaces.
        private static func multibyteMark(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Mark, Int)? {
            func matches(_ sequence: [UInt8]) -> Bool {
                index + sequence.count <= text.count && text[index..<(index + sequence.count)].elementsEqual(sequence)
            }
            if matches([0xE2, 0x82, 0xAC]) { return (.currency("€"), 3) }
            if matches([0xC2, 0xA3]) { return (.currency("£"), 2) }
            if matches([0xC2, 0xA5]) { return (.currency("¥"), 2) }
            if matches([0xE2, 0x88, 0x92]) { return (.minus, 3) }
            if matches([0xC2, 0xA0]) { return (.space, 2) }
            if matches([0xE2, 0x80, 0xAF]) || matches([0xE2, 0x80, 0x89]) { return (.space, 3) }
            return nil
        }
    }
}
