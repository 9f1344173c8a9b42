/// An ISO 4217 currency: its three-letter code and how many minor units make one major unit (10^exponent).
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let code: String
    /// Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.
    public let exponent: Int

    /// The currency with this code (upper case), or nil when ISO 4217 has no such active currency.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, let exponent = Self.exponents[upper] else { return nil }
        self.code = upper
        self.exponent = exponent
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// 10^exponent: minor units per major unit.
    public var minorUnitsPerMajor: Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    // Exponents that differ from 2 (ISO 4217, list one, 2024 edition); every other listed code has 2.
    private static let nonStandard: [String: Int] = [
        "BHD": 3, "BIF": 0, "CLF": 4, "CLP": 0, "DJF": 0, "GNF": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0, "KMF": 0,
        "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0, "RWF": 0, "TND": 3, "UGX": 0, "UYI": 0, "UYW": 4, "VND": 0,
        "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    ]

    private static let twoDigit: [String] = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND",
        "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK",
        "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK",
        "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
        "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
        "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD",
        "YER", "ZAR", "ZMW", "ZWG",
    ]

    private static let exponents: [String: Int] = {
        var table = nonStandard
        for code in twoDigit { table[code] = 2 }
        return table
    }()

    /// A SQL expression giving 10^exponent for the currency code in `column` (minor units per major unit).
    public static func minorUnitsPerMajorSQL(_ column: String) -> String {
        let cases = nonStandard.sorted { $0.key < $1.key }.map { code, exponent in
            "WHEN '\(code)' THEN \(Currency(code: code)!.minorUnitsPerMajor)"
        }
        return "(CASE \(column) " + cases.joined(separator: " ") + " ELSE 100 END)"
    }

    /// Every known currency code, sorted.
    public static var allCodes: [String] { exponents.keys.sorted() }
}
