/// Typed reads of coerced arguments and input objects, so resolvers need no casts:
/// `input.arguments.int("first")`. Each returns nil when the key is absent, null, or of
/// another type (after coercion the type is known, so that only happens for optional ones).
extension GraphQLObject {
    /// The integer at `key`.
    public func int(_ key: String) -> Int? {
        if case .int(let i)? = self[key] { return i }
        return nil
    }

    /// The number at `key` (a Float argument, or an Int one widened).
    public func double(_ key: String) -> Double? {
        switch self[key] {
        case .float(let d)?: return d
        case .int(let i)?: return Double(i)
        default: return nil
        }
    }

    /// The string at `key` (String, ID, enum names and most custom scalars).
    public func string(_ key: String) -> String? {
        if case .string(let s)? = self[key] { return s }
        return nil
    }

    /// The boolean at `key`.
    public func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = self[key] { return b }
        return nil
    }

    /// The input object at `key`.
    public func object(_ key: String) -> GraphQLObject? {
        if case .object(let o)? = self[key] { return o }
        return nil
    }

    /// The list at `key`.
    public func list(_ key: String) -> [GraphQLValue]? {
        if case .list(let l)? = self[key] { return l }
        return nil
    }

    /// Whether `key` was given, even as null (absent and null differ for arguments).
    public func contains(_ key: String) -> Bool { self[key] != nil }
}
