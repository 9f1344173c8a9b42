/// The built-in scalars' coercions (spec 3.5.1 - 3.5.5). Result coercion is as lenient as
/// graphql-js (numeric strings, booleans as numbers); input coercion is strict.
enum BuiltinScalars {
    static let maxInt = 2_147_483_647
    static let minInt = -2_147_483_648

    /// Result coercion of a resolved value to the named built-in scalar.
    static func serialize(_ value: GraphQLValue, _ scalar: String) -> Result<GraphQLValue, GraphQLError> {
        switch scalar {
        case "Int": return serializeInt(value)
        case "Float": return serializeFloat(value)
        case "String": return serializeString(value)
        case "Boolean": return serializeBoolean(value)
        case "ID": return serializeID(value)
        default: return .success(value)
        }
    }

    private static func serializeInt(_ value: GraphQLValue) -> Result<GraphQLValue, GraphQLError> {
        var number: Double?
        switch value {
        case .int(let i):
            guard i >= minInt && i <= maxInt else {
                return .failure(GraphQLError("Int cannot represent non 32-bit signed integer value: \(i)"))
            }
            return .success(.int(i))
        case .bool(let b): return .success(.int(b ? 1 : 0))
        case .float(let d): number = d
        case .string(let s) where !s.isEmpty: number = Double(s.trimmingSpaces)
        default: break
        }
        guard let number, number.isFinite, number == number.rounded(.towardZero) else {
            return .failure(GraphQLError("Int cannot represent non-integer value: \(describe(value))"))
        }
        guard number >= Double(minInt) && number <= Double(maxInt) else {
            return .failure(GraphQLError("Int cannot represent non 32-bit signed integer value: \(describe(value))"))
        }
        return .success(.int(Int(number)))
    }

    private static func serializeFloat(_ value: GraphQLValue) -> Result<GraphQLValue, GraphQLError> {
        switch value {
        case .float(let d) where d.isFinite: return .success(.float(d))
        case .int(let i): return .success(.float(Double(i)))
        case .bool(let b): return .success(.float(b ? 1 : 0))
        case .string(let s) where !s.isEmpty:
            if let d = Double(s.trimmingSpaces), d.isFinite { return .success(.float(d)) }
        default: break
        }
        return .failure(GraphQLError("Float cannot represent non numeric value: \(describe(value))"))
    }

    private static func serializeString(_ value: GraphQLValue) -> Result<GraphQLValue, GraphQLError> {
        switch value {
        case .string: return .success(value)
        case .bool(let b): return .success(.string(b ? "true" : "false"))
        case .int(let i): return .success(.string(String(i)))
        case .float(let d) where d.isFinite: return .success(.string(d.description))
        default: return .failure(GraphQLError("String cannot represent value: \(describe(value))"))
        }
    }

    private static func serializeBoolean(_ value: GraphQLValue) -> Result<GraphQLValue, GraphQLError> {
        switch value {
        case .bool: return .success(value)
        case .int(let i): return .success(.bool(i != 0))
        case .float(let d) where d.isFinite: return .success(.bool(d != 0))
        default: return .failure(GraphQLError("Boolean cannot represent a non boolean value: \(describe(value))"))
        }
    }

    private static func serializeID(_ value: GraphQLValue) -> Result<GraphQLValue, GraphQLError> {
        switch value {
        case .string: return .success(value)
        case .int(let i): return .success(.string(String(i)))
        case .float(let d) where d.isFinite && d == d.rounded():
            return .success(.string(integralDecimal(d)))
        default: return .failure(GraphQLError("ID cannot represent value: \(describe(value))"))
        }
    }

    /// Input coercion of a JSON-like value (a variable) to the named built-in scalar.
    static func parseValue(_ value: GraphQLValue, _ scalar: String) -> Result<GraphQLValue, GraphQLError> {
        switch (scalar, value) {
        case ("Int", .int(let i)):
            guard i >= minInt && i <= maxInt else {
                return .failure(GraphQLError("Int cannot represent non 32-bit signed integer value: \(i)"))
            }
            return .success(value)
        case ("Int", .float(let d)) where d == d.rounded() && d >= Double(minInt) && d <= Double(maxInt):
            return .success(.int(Int(d)))
        case ("Int", _):
            return .failure(GraphQLError("Int cannot represent non-integer value: \(describe(value))"))
        case ("Float", .int(let i)):
            return .success(.float(Double(i)))
        case ("Float", .float(let d)) where d.isFinite:
            return .success(value)
        case ("Float", _):
            return .failure(GraphQLError("Float cannot represent non numeric value: \(describe(value))"))
        case ("String", .string):
            return .success(value)
        case ("String", _):
            return .failure(GraphQLError("String cannot represent a non string value: \(describe(value))"))
        case ("Boolean", .bool):
            return .success(value)
        case ("Boolean", _):
            return .failure(GraphQLError("Boolean cannot represent a non boolean value: \(describe(value))"))
        case ("ID", .string):
            return .success(value)
        case ("ID", .int(let i)):
            return .success(.string(String(i)))
        case ("ID", _):
            return .failure(GraphQLError("ID cannot represent value: \(describe(value))"))
        default:
            return .success(value)
        }
    }

    static func describe(_ value: GraphQLValue) -> String { JSON.serialize(value) }

    /// The exact decimal digits of an integral double, however large.
    static func integralDecimal(_ d: Double) -> String {
        if abs(d) < 9.0e18 { return String(Int(d)) }
        // d = significand * 2^exponent with an integer significand; double it in base 1e9.
        var limbs: [UInt64] = [d.significandBitPattern | (1 << 52)]
        var exponent = Int(d.exponent) - 52
        limbs = [limbs[0] % 1_000_000_000, limbs[0] / 1_000_000_000]
        while exponent > 0 {
            let shift = min(exponent, 29)
            var carry: UInt64 = 0
            for i in limbs.indices {
                let v = (limbs[i] << UInt64(shift)) + carry
                limbs[i] = v % 1_000_000_000
                carry = v / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(carry % 1_000_000_000)
                carry /= 1_000_000_000
            }
            exponent -= shift
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        var text = String(limbs.last!)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return (d < 0 ? "-" : "") + text
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
