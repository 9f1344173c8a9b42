/// A schema bound to resolvers: what the executor runs. Built once at start-up by
/// `ExecutableSchema.Builder`, which checks that the bindings fit the schema.
public final class ExecutableSchema: Sendable {
    public let schema: GraphQLSchema
    /// Resolvers by type index, then field index; nil fields resolve by key from data.
    let resolvers: [[FieldResolver?]]
    /// For abstract types bound to Swift sources: the runtime object type's name.
    let typeResolvers: [Int: @Sendable (any Sendable) -> String?]
    let scalars: [Int: ScalarCoercion]
    /// Source streams of subscription root fields, by field index of the subscription type.
    let subscriptionSources: [Int: SubscriptionSource]
    /// Asked before a field carrying a guarded directive resolves.
    let fieldGuard: (any FieldGuard)?
    /// Indices of fields that carry a directive the guard checks, by type index.
    let guardedFields: [[Bool]]
    /// How each type completes, by type index: read once per value instead of inspecting
    /// the schema's type (which costs reference counting and string comparisons).
    let completionKinds: [CompletionKind]
    /// A byte per type for the hottest check of all, the built-in leaf (LeafCode).
    let leafCodes: [UInt8]
    /// Type names by index.
    let typeNames: [String]

    /// The bound custom scalars by name, so validation can judge their literals as execution will (spec 5.6.1).
    public var customScalarCoercions: [String: ScalarCoercion] {
        Dictionary(uniqueKeysWithValues: scalars.map { (typeNames[$0.key], $0.value) })
    }
    /// The fields of the introspection types, by type index then field index.
    let introspectionFields: [[IntrospectionField?]]

    init(
        schema: GraphQLSchema, resolvers: [[FieldResolver?]],
        typeResolvers: [Int: @Sendable (any Sendable) -> String?], scalars: [Int: ScalarCoercion],
        subscriptionSources: [Int: SubscriptionSource] = [:], fieldGuard: (any FieldGuard)?
    ) {
        self.schema = schema
        self.subscriptionSources = subscriptionSources
        self.resolvers = resolvers
        self.introspectionFields = schema.types.map { type in
            guard type.name.hasPrefix("__"), let fields = type.fieldsType?.fields else {
                return [IntrospectionField?](repeating: nil, count: type.fieldsType?.fields.count ?? 0)
            }
            return fields.map { IntrospectionField(type: type.name, field: $0.name) }
        }
        self.typeResolvers = typeResolvers
        self.scalars = scalars
        self.fieldGuard = fieldGuard
        self.typeNames = schema.types.map(\.name)
        self.completionKinds = schema.types.enumerated().map { index, type in
            switch type {
            case .scalar(let scalar):
                if let custom = scalars[index] { return .customScalar(custom) }
                switch scalar.name {
                case "Int": return .int
                case "Float": return .float
                case "String": return .string
                case "Boolean": return .boolean
                case "ID": return .id
                default: return .customScalar(nil)
                }
            case .enumType(let e): return .enumType(e)
            case .object: return .object
            case .interface, .union: return .abstract
            case .inputObject: return .inputObject
            }
        }
        self.leafCodes = completionKinds.map { kind in
            switch kind {
            case .int: return LeafCode.int
            case .float: return LeafCode.float
            case .string: return LeafCode.string
            case .boolean: return LeafCode.boolean
            case .id: return LeafCode.id
            case .customScalar(nil): return LeafCode.passThrough
            case .customScalar, .enumType: return LeafCode.other
            case .object, .abstract, .inputObject: return LeafCode.notLeaf
            }
        }
        let guarded = fieldGuard?.directiveNames ?? []
        self.guardedFields = schema.types.map { type in
            guard let fields = type.fieldsType?.fields else { return [] }
            return fields.map { field in field.directives.contains { guarded.contains($0.name.value) } }
        }
    }

    /// A schema whose every field resolves by key from JSON-like data (`Resolved.value`):
    /// the default resolvers of the spec, as the conformance runner uses them.
    public convenience init(schema: GraphQLSchema) {
        self.init(
            schema: schema,
            resolvers: schema.types.map { type in [FieldResolver?](repeating: nil, count: type.fieldsType?.fields.count ?? 0) },
            typeResolvers: [:], scalars: [:], fieldGuard: nil)
    }

    func resolver(type: Int, field: Int) -> FieldResolver? {
        resolvers[type][field]
    }
}

/// Byte codes of `ExecutableSchema.leafCodes`.
enum LeafCode {
    static let int: UInt8 = 0
    static let float: UInt8 = 1
    static let string: UInt8 = 2
    static let boolean: UInt8 = 3
    static let id: UInt8 = 4
    static let passThrough: UInt8 = 5
    static let other: UInt8 = 6
    static let notLeaf: UInt8 = 7
}

/// How values of a type complete (spec 6.4.3), decided once per schema.
enum CompletionKind: Sendable {
    case int, float, string, boolean, id
    /// A custom scalar, with its coercion when one is bound (else values pass through).
    case customScalar(ScalarCoercion?)
    case enumType(EnumType)
    case object
    case abstract
    case inputObject

    /// The built-in scalar's name, for the shared coercion functions.
    var builtinName: String? {
        switch self {
        case .int: return "Int"
        case .float: return "Float"
        case .string: return "String"
        case .boolean: return "Boolean"
        case .id: return "ID"
        default: return nil
        }
    }
}

/// Decides whether the caller may see a field that carries one of `directiveNames`
/// (for example `@requires(role: ADMIN)`). A denied field resolves to null with a
/// FORBIDDEN error at its path; the rest of the response stands.
public protocol FieldGuard: Sendable {
    /// The directives this guard enforces.
    var directiveNames: Set<String> { get }
    /// Nil to allow; otherwise the error to report (its code should be FORBIDDEN). `input` is what the
    /// resolver would receive: the parent source, the coerced arguments, the request context.
    func check(field: FieldDefinitionModel, directives: [Directive], input: FieldInput) async -> GraphQLError?
}

extension ExecutableSchema {
    /// Binds resolvers, type resolvers and scalar coercions to a schema, refusing bindings
    /// that name no field and Swift-backed types with fields nobody resolves.
    public struct Builder {
        public let schema: GraphQLSchema
        private var resolvers: [[FieldResolver?]]
        private var typeResolvers: [Int: @Sendable (any Sendable) -> String?] = [:]
        private var scalars: [Int: ScalarCoercion] = [:]
        private var fieldGuard: (any FieldGuard)?
        private var subscriptionSources: [Int: SubscriptionSource] = [:]
        private var sourceBackedTypes: [Int] = []
        private var problems: [String] = []

        /// Starts a binding for `schema`.
        public init(schema: GraphQLSchema) {
            self.schema = schema
            self.resolvers = schema.types.map { type in
                [FieldResolver?](repeating: nil, count: type.fieldsType?.fields.count ?? 0)
            }
        }

        /// Binds a resolver to `type.field`.
        public mutating func resolve(_ type: String, _ field: String, _ resolver: FieldResolver) {
            guard let typeIndex = schema.typeIndex(named: type),
                let fields = schema.types[typeIndex].fieldsType
            else {
                problems.append("Resolver for \(type).\(field): the schema has no object or interface type \(type).")
                return
            }
            guard let fieldIndex = fields.fieldIndex[field] else {
                problems.append("Resolver for \(type).\(field): type \(type) has no field \(field).")
                return
            }
            resolvers[typeIndex][fieldIndex] = resolver
        }

        /// Binds a synchronous resolver.
        public mutating func resolve(_ type: String, _ field: String, _ body: @escaping @Sendable (FieldInput) throws -> Resolved) {
            resolve(type, field, .sync(body))
        }

        /// Binds an asynchronous resolver.
        public mutating func resolveAsync(_ type: String, _ field: String, _ body: @escaping @Sendable (FieldInput) async throws -> Resolved) {
            resolve(type, field, .async(body))
        }

        /// Binds the source stream of a subscription root field (spec 6.2.3): each event it
        /// yields is completed as the field's value.
        public mutating func subscribe(_ field: String, _ source: @escaping SubscriptionSource) {
            guard let root = schema.subscriptionType, let index = schema.types[root].fieldsType?.fieldIndex[field] else {
                problems.append("Subscription source for \(field): the schema's subscription type has no field \(field).")
                return
            }
            subscriptionSources[index] = source
        }

        /// Declares that `type`'s values are Swift sources: every field then needs a resolver.
        public mutating func sourceBacked(_ type: String) {
            guard let index = schema.typeIndex(named: type) else {
                problems.append("Source binding for \(type): the schema has no type \(type).")
                return
            }
            sourceBackedTypes.append(index)
        }

        /// Names the runtime object type of a Swift source returned for an abstract type.
        public mutating func resolveType(_ abstractType: String, _ body: @escaping @Sendable (any Sendable) -> String?) {
            guard let index = schema.typeIndex(named: abstractType), schema.types[index].isAbstractType else {
                problems.append("Type resolver for \(abstractType): the schema has no interface or union \(abstractType).")
                return
            }
            typeResolvers[index] = body
        }

        /// Binds the coercion of a custom scalar.
        public mutating func scalar(_ name: String, _ coercion: ScalarCoercion) {
            guard let index = schema.typeIndex(named: name), case .scalar = schema.types[index] else {
                problems.append("Scalar coercion for \(name): the schema has no scalar \(name).")
                return
            }
            if BuiltinSDL.scalarNames.contains(name) {
                problems.append("Scalar coercion for \(name): built-in scalars cannot be rebound.")
                return
            }
            scalars[index] = coercion
        }

        /// Sets the guard that authorises fields carrying its directives.
        public mutating func guardFields(with fieldGuard: any FieldGuard) {
            self.fieldGuard = fieldGuard
        }

        /// The executable schema, or an error listing every binding problem.
        public func build() throws(GraphQLSchemaError) -> ExecutableSchema {
            var problems = self.problems
            for index in sourceBackedTypes {
                guard let fields = schema.types[index].fieldsType?.fields else { continue }
                for (i, field) in fields.enumerated() where resolvers[index][i] == nil {
                    problems.append("\(schema.types[index].name).\(field.name) has no resolver, and \(schema.types[index].name) is backed by Swift sources.")
                }
            }
            guard problems.isEmpty else {
                throw GraphQLSchemaError(errors: problems.map { GraphQLError($0) })
            }
            return ExecutableSchema(
                schema: schema, resolvers: resolvers, typeResolvers: typeResolvers, scalars: scalars,
                subscriptionSources: subscriptionSources, fieldGuard: fieldGuard)
        }
    }
}
