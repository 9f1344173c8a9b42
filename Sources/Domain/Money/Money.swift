/// An exact amount of money: an integer count of the currency's minor units (cents, yen, fils).
public struct Money: Sendable, Hashable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    /// An amount of `minorUnits` in `currency`.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal string ("-12.5", "1000", "0.01") into an exact amount; nil when it is not a plain decimal or
    /// has more fractional digits than the currency has minor units (never rounds silently).
    public init?(decimal text: String, currency: Currency) {
        guard let minor = MinorUnits.parse(text, exponent: currency.exponent) else { return nil }
        self.init(minorUnits: minor, currency: currency)
    }

    /// The amount as the API's Decimal string: "-12.50", "1000", "0.005".
    public var decimalString: String { MinorUnits.format(minorUnits, exponent: currency.exponent) }

    public var description: String { "\(decimalString) \(currency.code)" }

    /// The same amount with the opposite sign.
    public var negated: Money { Money(minorUnits: -minorUnits, currency: currency) }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }
}

/// Conversions between minor-unit integers and decimal strings, with no floating point anywhere.
public enum MinorUnits {
    /// The largest magnitude we accept: a quadrillion major units at exponent 4 still fits in Int64.
    public static let maximumMagnitude: Int64 = 1_000_000_000_000_000_000 / 100

    /// "-12.34" at exponent 2 → -1234. Accepts an optional sign, digits, and at most `exponent` fractional digits
    /// (trailing zeros beyond it are fine: "1.230" at exponent 2). Nil otherwise or when out of range.
    public static func parse(_ text: String, exponent: Int) -> Int64? {
        var bytes = Substring(text.trimmingSpaces)
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes.first == "-" || bytes.first == "+" {
            negative = bytes.first == "-"
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? parts[1] : ""
        // "12." and ".5" are refused: a decimal in the API always has digits on both sides of its point.
        guard !whole.isEmpty, parts.count == 1 || !fraction.isEmpty else { return nil }
        guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        while fraction.count > exponent, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= exponent, whole.count <= 18 else { return nil }
        var value: Int64 = 0
        for digit in whole.utf8 { value = value * 10 + Int64(digit - 48) }
        var scale = exponent
        for digit in fraction.utf8 {
            value = value * 10 + Int64(digit - 48)
            scale -= 1
        }
        for _ in 0..<scale {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product
        }
        guard value <= maximumMagnitude else { return nil }
        return negative ? -value : value
    }

    /// -1234 at exponent 2 → "-12.34"; exponent 0 gives an integer string.
    public static func format(_ minor: Int64, exponent: Int) -> String {
        let negative = minor < 0
        let magnitude = minor.magnitude
        var digits = String(magnitude)
        guard exponent > 0 else { return negative ? "-" + digits : digits }
        if digits.count <= exponent { digits = String(repeating: "0", count: exponent - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -exponent)
        let text = digits[..<split] + "." + digits[split...]
        return negative ? "-" + text : String(text)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
