/// Builds and validates a schema from SDL (our schema.graphql is the source of truth).
public func buildSchema(_ sdl: String, name: String = "schema.graphql") throws(GraphQLSchemaError)
    -> GraphQLSchema
{
    let source = Source(sdl, name: name)
    let document: Document
    do {
        document = try parse(source)
    } catch {
        throw GraphQLSchemaError(errors: [error])
    }
    return try buildSchema(document)
}

/// Builds and validates a schema from a parsed SDL document.
public func buildSchema(_ document: Document) throws(GraphQLSchemaError) -> GraphQLSchema {
    var builder = SchemaBuilder(document: document)
    let schema = builder.build()
    var errors = builder.errors
    if errors.isEmpty {
        errors = SchemaValidator(schema: schema, locations: builder.typeLocations, source: document.source)
            .validate()
    }
    guard errors.isEmpty else { throw GraphQLSchemaError(errors: errors) }
    return schema
}

/// Turns type-system definitions and extensions into a `GraphQLSchema` (graphql-js's
/// buildASTSchema), collecting the errors of SDL validation on the way.
struct SchemaBuilder {
    let document: Document
    let source: Source?
    private(set) var errors: [GraphQLError] = []
    /// Where each type index was defined, for schema validation messages.
    private(set) var typeLocations: [Int: Location] = [:]
    private var typeIndex: [String: Int] = [:]

    init(document: Document) {
        self.document = document
        self.source = document.source
    }

    private mutating func error(_ message: String, _ nodes: [Location]) {
        errors.append(GraphQLError(message, nodes: nodes, source: source))
    }

    mutating func build() -> GraphQLSchema {
        var definitions: [TypeDefinition] = []
        var extensions: [String: [TypeDefinition]] = [:]
        var directiveDefinitions: [DirectiveDefinition] = []
        var schemaDefinition: SchemaDefinition?
        var schemaExtensions: [SchemaDefinition] = []
        var seenTypes: [String: Location] = [:]
        var seenDirectives: [String: Location] = [:]

        for definition in document.definitions {
            switch definition {
            case .type(let t):
                let name = t.name.value
                if let previous = seenTypes[name] {
                    error("There can be only one type named \"\(name)\".", [previous, t.name.loc])
                    continue
                }
                seenTypes[name] = t.name.loc
                definitions.append(t)
            case .typeExtension(let t):
                extensions[t.name.value, default: []].append(t)
            case .directive(let d):
                if let previous = seenDirectives[d.name.value] {
                    error("There can be only one directive named \"@\(d.name.value)\".", [previous, d.name.loc])
                    continue
                }
                seenDirectives[d.name.value] = d.name.loc
                directiveDefinitions.append(d)
            case .schema(let s):
                if let first = schemaDefinition {
                    error("Must provide only one schema definition.", [first.loc, s.loc])
                } else {
                    schemaDefinition = s
                }
            case .schemaExtension(let s):
                schemaExtensions.append(s)
            case .operation(let o):
                error("Schema documents may only hold type-system definitions, not operations.", [o.loc])
            case .fragment(let f):
                error("Schema documents may only hold type-system definitions, not fragments.", [f.loc])
            }
        }

        // Built-in scalars and introspection types, unless the SDL defines a scalar itself.
        var builtinDefinitions: [TypeDefinition] = []
        var builtinDirectives: [DirectiveDefinition] = []
        for definition in BuiltinSDL.document.definitions {
            switch definition {
            case .type(let t) where seenTypes[t.name.value] == nil:
                builtinDefinitions.append(t)
            case .directive(let d) where seenDirectives[d.name.value] == nil:
                builtinDirectives.append(d)
            default:
                break
            }
        }
        let allDefinitions = definitions + builtinDefinitions
        for (i, t) in allDefinitions.enumerated() { typeIndex[t.name.value] = i }
        for (i, t) in definitions.enumerated() { typeLocations[i] = t.name.loc }

        for (name, list) in extensions {
            guard let index = typeIndex[name], index < definitions.count else {
                for ext in list {
                    error("Cannot extend type \"\(name)\" because it is not defined.", [ext.name.loc])
                }
                continue
            }
            for ext in list where !sameKind(allDefinitions[index], ext) {
                error("Cannot extend non-\(kindName(allDefinitions[index])) type \"\(name)\".", [ext.name.loc])
            }
        }

        let types = allDefinitions.map { definition in
            makeType(definition, extensions: (extensions[definition.name.value] ?? []).filter { sameKind(definition, $0) })
        }
        let directives = (builtinDirectives + directiveDefinitions).map { makeDirective($0) }

        var roots: [OperationType: Int] = [:]
        if schemaDefinition == nil {
            for (operation, name) in [(OperationType.query, "Query"), (.mutation, "Mutation"), (.subscription, "Subscription")] {
                if let index = typeIndex[name] { roots[operation] = index }
            }
        }
        var explicitlySet: Set<OperationType> = []
        let explicitOperations = ((schemaDefinition.map { [$0] } ?? []) + schemaExtensions).flatMap(\.operationTypes)
        for operationType in explicitOperations {
            guard explicitlySet.insert(operationType.operation).inserted else {
                error("There can be only one \(operationType.operation.rawValue) type in schema.", [operationType.loc])
                continue
            }
            guard let index = typeIndex[operationType.type.name.value] else {
                error("Unknown type \"\(operationType.type.name.value)\".", [operationType.type.loc])
                continue
            }
            roots[operationType.operation] = index
        }

        let knownTypes = typeIndex
        let index = { (name: String) in knownTypes[name] ?? 0 }
        let builtins = BuiltinTypes(
            int: index("Int"), float: index("Float"), string: index("String"),
            boolean: index("Boolean"), id: index("ID"), schemaType: index("__Schema"),
            typeType: index("__Type"))
        let description = schemaDefinition?.description?.value
        return GraphQLSchema(
            description: description, types: types, queryType: roots[.query],
            mutationType: roots[.mutation], subscriptionType: roots[.subscription],
            directives: directives, builtins: builtins)
    }

    // MARK: - Types

    private mutating func makeType(_ definition: TypeDefinition, extensions: [TypeDefinition])
        -> GraphQLNamedType
    {
        let directives = definition.directives + extensions.flatMap(\.directives)
        switch definition {
        case .scalar(let d):
            let url = directiveArgument("specifiedBy", "url", in: directives)
            return .scalar(
                ScalarType(
                    name: d.name.value, description: d.description?.value, specifiedByURL: url,
                    directives: directives))
        case .object(let d), .interface(let d):
            var fields = d.fields
            var interfaces = d.interfaces
            for case .object(let e) in extensions { fields += e.fields; interfaces += e.interfaces }
            for case .interface(let e) in extensions { fields += e.fields; interfaces += e.interfaces }
            checkUnique(fields.map(\.name), "Field \"\(d.name.value).", "\" can only be defined once.")
            let type = ObjectType(
                name: d.name.value, description: d.description?.value,
                fields: fields.map { makeField($0, owner: d.name.value) },
                interfaces: interfaces.map { resolveNamed($0) }, directives: directives)
            if case .object = definition { return .object(type) }
            return .interface(type)
        case .union(let d):
            var members = d.types
            for case .union(let e) in extensions { members += e.types }
            return .union(
                UnionType(
                    name: d.name.value, description: d.description?.value,
                    members: members.map { resolveNamed($0) }, directives: directives))
        case .enumType(let d):
            var values = d.values
            for case .enumType(let e) in extensions { values += e.values }
            checkUnique(values.map(\.name), "Enum value \"\(d.name.value).", "\" can only be defined once.")
            return .enumType(
                EnumType(
                    name: d.name.value, description: d.description?.value,
                    values: values.map { v in
                        EnumValueModel(
                            name: v.name.value, description: v.description?.value,
                            deprecationReason: deprecationReason(v.directives),
                            directives: v.directives, loc: v.name.loc)
                    },
                    directives: directives))
        case .inputObject(let d):
            var fields = d.fields
            for case .inputObject(let e) in extensions { fields += e.fields }
            checkUnique(fields.map(\.name), "Field \"\(d.name.value).", "\" can only be defined once.")
            return .inputObject(
                InputObjectType(
                    name: d.name.value, description: d.description?.value,
                    fields: fields.map { makeInputValue($0) },
                    isOneOf: directives.contains { $0.name.value == "oneOf" }, directives: directives))
        }
    }

    private mutating func makeField(_ f: FieldDefinition, owner: String) -> FieldDefinitionModel {
        checkUnique(f.arguments.map(\.name), "Argument \"\(owner).\(f.name.value)(", ":)\" can only be defined once.")
        return FieldDefinitionModel(
            name: f.name.value, description: f.description?.value,
            arguments: f.arguments.map { makeInputValue($0) }, type: resolve(f.type),
            deprecationReason: deprecationReason(f.directives), directives: f.directives,
            loc: f.name.loc)
    }

    private mutating func makeInputValue(_ v: InputValueDefinition) -> InputValueModel {
        InputValueModel(
            name: v.name.value, description: v.description?.value, type: resolve(v.type),
            defaultValue: v.defaultValue, deprecationReason: deprecationReason(v.directives),
            directives: v.directives, loc: v.name.loc)
    }

    private mutating func makeDirective(_ d: DirectiveDefinition) -> DirectiveModel {
        checkUnique(d.arguments.map(\.name), "Argument \"@\(d.name.value)(", ":)\" can only be defined once.")
        return DirectiveModel(
            name: d.name.value, description: d.description?.value,
            locations: d.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
            arguments: d.arguments.map { makeInputValue($0) }, isRepeatable: d.repeatable)
    }

    private mutating func resolve(_ node: TypeNode) -> TypeRef {
        switch node {
        case .named(let n): return .named(resolveNamed(n))
        case .list(let inner, _): return .list(resolve(inner))
        case .nonNull(let inner, _): return .nonNull(resolve(inner))
        }
    }

    private mutating func resolveNamed(_ n: NamedType) -> Int {
        if let index = typeIndex[n.name.value] { return index }
        error("Unknown type \"\(n.name.value)\".", [n.loc])
        return 0
    }

    private mutating func checkUnique(_ names: [Name], _ prefix: String, _ suffix: String) {
        var seen: [String: Location] = [:]
        for name in names {
            if let previous = seen[name.value] {
                error(prefix + name.value + suffix, [previous, name.loc])
            } else {
                seen[name.value] = name.loc
            }
        }
    }

    private func deprecationReason(_ directives: [Directive]) -> String? {
        guard let directive = directives.first(where: { $0.name.value == "deprecated" }) else { return nil }
        if let argument = directive.arguments.first(where: { $0.name.value == "reason" }),
            case .string(let s) = argument.value
        {
            return s.value
        }
        return "No longer supported"
    }

    private func directiveArgument(_ directive: String, _ argument: String, in directives: [Directive]) -> String? {
        guard let d = directives.first(where: { $0.name.value == directive }),
            let a = d.arguments.first(where: { $0.name.value == argument }),
            case .string(let s) = a.value
        else { return nil }
        return s.value
    }

    private func sameKind(_ a: TypeDefinition, _ b: TypeDefinition) -> Bool {
        kindName(a) == kindName(b)
    }

    private func kindName(_ t: TypeDefinition) -> String {
        switch t {
        case .scalar: return "scalar"
        case .object: return "object"
        case .interface: return "interface"
        case .union: return "union"
        case .enumType: return "enum"
        case .inputObject: return "input object"
        }
    }
}
