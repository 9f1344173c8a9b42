/// A validated schema (spec section 3): its types by index and name, root operation types,
/// directives, and the possible types of every abstract type. Immutable once built.
public final class GraphQLSchema: Sendable {
    public let description: String?
    /// Every named type: built-in scalars, the schema's own types and introspection types.
    public let types: [GraphQLNamedType]
    public let queryType: Int?
    public let mutationType: Int?
    public let subscriptionType: Int?
    public let directives: [DirectiveModel]
    let typeIndex: [String: Int]
    let directiveIndex: [String: Int]
    /// For each abstract type index, its possible object type indices (declaration order).
    let possibleTypesByAbstract: [Int: [Int]]
    /// For each abstract type index, the set of its possible types and, for interfaces,
    /// the interfaces that implement it.
    let subTypesByAbstract: [Int: Set<Int>]
    /// For each interface index, the object and interface types that implement it.
    let implementationsByInterface: [Int: (objects: [Int], interfaces: [Int])]
    /// Indices of the built-in types every schema has.
    public let builtins: BuiltinTypes
    /// The meta-fields `__typename`, `__schema` and `__type` (spec 4.1, 4.2), made once.
    let typenameField: FieldDefinitionModel
    let schemaField: FieldDefinitionModel
    let typeField: FieldDefinitionModel

    init(
        description: String?, types: [GraphQLNamedType], queryType: Int?, mutationType: Int?,
        subscriptionType: Int?, directives: [DirectiveModel], builtins: BuiltinTypes
    ) {
        self.description = description
        self.types = types
        self.queryType = queryType
        self.mutationType = mutationType
        self.subscriptionType = subscriptionType
        self.directives = directives
        self.builtins = builtins
        (self.typenameField, self.schemaField, self.typeField) = GraphQLSchema.makeMetaFields(builtins)
        var typeIndex: [String: Int] = [:]
        typeIndex.reserveCapacity(types.count)
        for (i, t) in types.enumerated() { typeIndex[t.name] = i }
        self.typeIndex = typeIndex
        var directiveIndex: [String: Int] = [:]
        for (i, d) in directives.enumerated() { directiveIndex[d.name] = i }
        self.directiveIndex = directiveIndex

        var implementations: [Int: (objects: [Int], interfaces: [Int])] = [:]
        for (i, t) in types.enumerated() {
            switch t {
            case .object(let o):
                for iface in o.interfaces { implementations[iface, default: ([], [])].objects.append(i) }
            case .interface(let o):
                for iface in o.interfaces { implementations[iface, default: ([], [])].interfaces.append(i) }
            default: break
            }
        }
        self.implementationsByInterface = implementations
        var possible: [Int: [Int]] = [:]
        var subTypes: [Int: Set<Int>] = [:]
        for (i, t) in types.enumerated() {
            switch t {
            case .union(let u):
                possible[i] = u.members
                subTypes[i] = Set(u.members)
            case .interface:
                let impl = implementations[i] ?? ([], [])
                possible[i] = impl.objects
                subTypes[i] = Set(impl.objects).union(impl.interfaces)
            default: break
            }
        }
        self.possibleTypesByAbstract = possible
        self.subTypesByAbstract = subTypes
    }

    /// The index of the named type, if the schema has it.
    public func typeIndex(named name: String) -> Int? { typeIndex[name] }

    /// The named type of this name, if the schema has it.
    public func type(named name: String) -> GraphQLNamedType? {
        typeIndex[name].map { types[$0] }
    }

    /// The named type under a reference's wrappers.
    public func namedType(_ ref: TypeRef) -> GraphQLNamedType { types[ref.namedIndex] }

    /// The directive of this name, if the schema has it.
    public func directive(named name: String) -> DirectiveModel? {
        directiveIndex[name].map { directives[$0] }
    }

    /// The root type index of an operation kind.
    public func rootType(for operation: OperationType) -> Int? {
        switch operation {
        case .query: return queryType
        case .mutation: return mutationType
        case .subscription: return subscriptionType
        }
    }

    /// The object types an abstract type may resolve to; for an object type, itself.
    public func possibleTypes(of index: Int) -> [Int] {
        if let possible = possibleTypesByAbstract[index] { return possible }
        if case .object = types[index] { return [index] }
        return []
    }

    /// Whether `maybeSubType` is a possible type (or implementing interface) of `abstractType`.
    public func isSubType(_ abstractType: Int, _ maybeSubType: Int) -> Bool {
        subTypesByAbstract[abstractType]?.contains(maybeSubType) ?? false
    }

    /// Whether two composite types can share an object type (spec 5.5.2.3).
    public func doTypesOverlap(_ a: Int, _ b: Int) -> Bool {
        if a == b { return true }
        switch (types[a].isAbstractType, types[b].isAbstractType) {
        case (true, true):
            let bPossible = Set(possibleTypes(of: b))
            return possibleTypes(of: a).contains { bPossible.contains($0) }
        case (true, false):
            return isSubType(a, b)
        case (false, true):
            return isSubType(b, a)
        case (false, false):
            return false
        }
    }

    /// Whether `sub` may stand where `sup` is expected (spec 3.6.2 / graphql-js isTypeSubTypeOf).
    public func isTypeSubType(_ sub: TypeRef, of sup: TypeRef) -> Bool {
        if sub == sup { return true }
        if case .nonNull(let supInner) = sup {
            if case .nonNull(let subInner) = sub { return isTypeSubType(subInner, of: supInner) }
            return false
        }
        if case .nonNull(let subInner) = sub { return isTypeSubType(subInner, of: sup) }
        if case .list(let supItem) = sup {
            if case .list(let subItem) = sub { return isTypeSubType(subItem, of: supItem) }
            return false
        }
        if case .list = sub { return false }
        return types[sup.namedIndex].isAbstractType && isSubType(sup.namedIndex, sub.namedIndex)
    }

    /// A type reference written as in SDL, such as `[String!]!`.
    public func describe(_ ref: TypeRef) -> String {
        switch ref {
        case .named(let i): return types[i].name
        case .list(let t): return "[" + describe(t) + "]"
        case .nonNull(let t): return describe(t) + "!"
        }
    }

    /// Resolves an AST type reference against this schema; nil when a name is unknown.
    public func typeRef(from node: TypeNode) -> TypeRef? {
        switch node {
        case .named(let n): return typeIndex[n.name.value].map(TypeRef.named)
        case .list(let inner, _): return typeRef(from: inner).map(TypeRef.list)
        case .nonNull(let inner, _): return typeRef(from: inner).map(TypeRef.nonNull)
        }
    }
}

/// Indices of the types every schema holds, for fast checks by the validator and executor.
public struct BuiltinTypes: Sendable {
    public let int: Int
    public let float: Int
    public let string: Int
    public let boolean: Int
    public let id: Int
    public let schemaType: Int
    public let typeType: Int
}
