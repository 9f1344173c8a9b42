/// A reference to a type in a schema: a named type by its index in `GraphQLSchema.types`,
/// wrapped in lists and non-null. Indices rather than object references keep the schema
/// free of reference cycles and make type identity a cheap integer comparison.
///
/// Only the wrappers are boxed: a named type, the most common reference, is an inline Int,
/// so copying it costs no reference counting.
public enum TypeRef: Hashable, Sendable {
    case named(Int)
    indirect case list(TypeRef)
    indirect case nonNull(TypeRef)

    /// The index of the named type under all wrappers.
    public var namedIndex: Int {
        switch self {
        case .named(let i): return i
        case .list(let t), .nonNull(let t): return t.namedIndex
        }
    }

    /// The type without its outer non-null wrapper.
    public var nullable: TypeRef {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// For a list (possibly non-null), the type of its items.
    public var listItem: TypeRef? {
        if case .list(let item) = nullable { return item }
        return nil
    }
}
