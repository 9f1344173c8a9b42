/// Resolvers for `__Schema`, `__Type`, `__Field`, `__InputValue`, `__EnumValue` and
/// `__Directive` (spec 4.2), installed into every executable schema.
enum IntrospectionResolvers {
    /// Every introspection resolver as (type, field, resolver).
    static func all(for schema: GraphQLSchema) -> [(String, String, IntrospectionResolver)] {
        var list: [(String, String, IntrospectionResolver)] = []
        func add(_ type: String, _ field: String, _ body: @escaping IntrospectionResolver) {
            list.append((type, field, body))
        }
        @Sendable func typeObject(_ ref: TypeRef) -> IntrospectionValue { .object(IntrospectionSource.type(ref)) }
        @Sendable func includeDeprecated(_ args: GraphQLObject) -> Bool { args["includeDeprecated"] == .bool(true) }

        // __Schema
        add("__Schema", "description") { _, _ in .string(schema.description) }
        add("__Schema", "types") { _, _ in .objects(schema.types.indices.map { IntrospectionSource.namedType(Int32($0)) }) }
        add("__Schema", "queryType") { _, _ in schema.queryType.map { typeObject(.named($0)) } ?? .null }
        add("__Schema", "mutationType") { _, _ in schema.mutationType.map { typeObject(.named($0)) } ?? .null }
        add("__Schema", "subscriptionType") { _, _ in schema.subscriptionType.map { typeObject(.named($0)) } ?? .null }
        add("__Schema", "directives") { _, _ in .objects(schema.directives.indices.map { IntrospectionSource.directive(Int32($0)) }) }

        // __Type
        add("__Type", "kind") { source, _ in
            switch source.typeRef {
            case .list?: return .string("LIST")
            case .nonNull?: return .string("NON_NULL")
            case .named(let i)?:
                switch schema.types[i] {
                case .scalar: return .string("SCALAR")
                case .object: return .string("OBJECT")
                case .interface: return .string("INTERFACE")
                case .union: return .string("UNION")
                case .enumType: return .string("ENUM")
                case .inputObject: return .string("INPUT_OBJECT")
                }
            case nil: return .null
            }
        }
        add("__Type", "name") { source, _ in
            guard case .namedType(let i) = source else { return .null }
            return .string(schema.types[Int(i)].name)
        }
        add("__Type", "description") { source, _ in
            guard case .namedType(let i) = source else { return .null }
            return .string(schema.types[Int(i)].description)
        }
        add("__Type", "specifiedByURL") { source, _ in
            guard case .namedType(let i) = source, case .scalar(let s) = schema.types[Int(i)] else { return .null }
            return .string(s.specifiedByURL)
        }
        add("__Type", "fields") { source, args in
            guard case .namedType(let i) = source, let o = schema.types[Int(i)].fieldsType else { return .null }
            let all = includeDeprecated(args)
            return .objects(o.fields.indices.compactMap { f in
                all || o.fields[f].deprecationReason == nil ? IntrospectionSource.field(type: i, field: Int32(f)) : nil
            })
        }
        add("__Type", "interfaces") { source, _ in
            guard case .namedType(let i) = source, let o = schema.types[Int(i)].fieldsType else { return .null }
            return .objects(o.interfaces.map { IntrospectionSource.namedType(Int32($0)) })
        }
        add("__Type", "possibleTypes") { source, _ in
            guard case .namedType(let i) = source, schema.types[Int(i)].isAbstractType else { return .null }
            return .objects(schema.possibleTypes(of: Int(i)).map { IntrospectionSource.namedType(Int32($0)) })
        }
        add("__Type", "enumValues") { source, args in
            guard case .namedType(let i) = source, case .enumType(let e) = schema.types[Int(i)] else { return .null }
            let all = includeDeprecated(args)
            return .objects(e.values.indices.compactMap { v in
                all || e.values[v].deprecationReason == nil ? IntrospectionSource.enumValue(type: i, value: Int32(v)) : nil
            })
        }
        add("__Type", "inputFields") { source, args in
            guard case .namedType(let i) = source, case .inputObject(let input) = schema.types[Int(i)] else { return .null }
            let all = includeDeprecated(args)
            return .objects(input.fields.indices.compactMap { f in
                all || input.fields[f].deprecationReason == nil ? IntrospectionSource.inputField(type: i, field: Int32(f)) : nil
            })
        }
        add("__Type", "ofType") { source, _ in
            switch source.typeRef {
            case .list(let inner)?, .nonNull(let inner)?: return typeObject(inner)
            default: return .null
            }
        }
        add("__Type", "isOneOf") { source, _ in
            guard case .namedType(let i) = source, case .inputObject(let input) = schema.types[Int(i)] else { return .null }
            return .bool(input.isOneOf)
        }

        // __Field
        add("__Field", "name") { source, _ in
            guard case .field(let t, let f) = source else { return .null }
            return .string(schema.field(t, f).name)
        }
        add("__Field", "description") { source, _ in
            guard case .field(let t, let f) = source else { return .null }
            return .string(schema.field(t, f).description)
        }
        add("__Field", "args") { source, args in
            guard case .field(let t, let f) = source else { return .null }
            let arguments = schema.field(t, f).arguments
            let all = includeDeprecated(args)
            return .objects(arguments.indices.compactMap { a in
                all || arguments[a].deprecationReason == nil ? IntrospectionSource.argument(type: t, field: f, argument: Int32(a)) : nil
            })
        }
        add("__Field", "type") { source, _ in
            guard case .field(let t, let f) = source else { return .null }
            return typeObject(schema.field(t, f).type)
        }
        add("__Field", "isDeprecated") { source, _ in
            guard case .field(let t, let f) = source else { return .null }
            return .bool(schema.field(t, f).deprecationReason != nil)
        }
        add("__Field", "deprecationReason") { source, _ in
            guard case .field(let t, let f) = source else { return .null }
            return .string(schema.field(t, f).deprecationReason)
        }

        // __InputValue
        add("__InputValue", "name") { source, _ in .string(schema.inputValue(source)?.name) }
        add("__InputValue", "description") { source, _ in .string(schema.inputValue(source)?.description) }
        add("__InputValue", "type") { source, _ in
            guard let v = schema.inputValue(source) else { return .null }
            return typeObject(v.type)
        }
        add("__InputValue", "defaultValue") { source, _ in
            guard let v = schema.inputValue(source), let literal = v.defaultValue else { return .null }
            return .string(DefaultValuePrinter.print(literal, v.type, schema))
        }
        add("__InputValue", "isDeprecated") { source, _ in
            guard let v = schema.inputValue(source) else { return .null }
            return .bool(v.deprecationReason != nil)
        }
        add("__InputValue", "deprecationReason") { source, _ in .string(schema.inputValue(source)?.deprecationReason) }

        // __EnumValue
        @Sendable func enumValue(_ source: IntrospectionSource) -> EnumValueModel? {
            guard case .enumValue(let t, let v) = source, case .enumType(let e) = schema.types[Int(t)] else { return nil }
            return e.values[Int(v)]
        }
        add("__EnumValue", "name") { source, _ in .string(enumValue(source)?.name) }
        add("__EnumValue", "description") { source, _ in .string(enumValue(source)?.description) }
        add("__EnumValue", "isDeprecated") { source, _ in
            guard let v = enumValue(source) else { return .null }
            return .bool(v.deprecationReason != nil)
        }
        add("__EnumValue", "deprecationReason") { source, _ in .string(enumValue(source)?.deprecationReason) }

        // __Directive
        @Sendable func directive(_ source: IntrospectionSource) -> DirectiveModel? {
            guard case .directive(let d) = source else { return nil }
            return schema.directives[Int(d)]
        }
        add("__Directive", "name") { source, _ in .string(directive(source)?.name) }
        add("__Directive", "description") { source, _ in .string(directive(source)?.description) }
        add("__Directive", "isRepeatable") { source, _ in
            guard let d = directive(source) else { return .null }
            return .bool(d.isRepeatable)
        }
        add("__Directive", "locations") { source, _ in
            guard let d = directive(source) else { return .null }
            return .value(.list(d.locations.map { .string($0.rawValue) }))
        }
        add("__Directive", "args") { source, args in
            guard case .directive(let index) = source else { return .null }
            let arguments = schema.directives[Int(index)].arguments
            let all = includeDeprecated(args)
            return .objects(arguments.indices.compactMap { a in
                all || arguments[a].deprecationReason == nil ? IntrospectionSource.directiveArgument(directive: index, argument: Int32(a)) : nil
            })
        }
        return list
    }
}

/// A resolver of the introspection types: reads the schema, never fails.
typealias IntrospectionResolver = @Sendable (IntrospectionSource, GraphQLObject) -> IntrospectionValue

/// What an introspection resolver yields: leaves, or schema positions to complete further.
enum IntrospectionValue {
    case null
    case value(GraphQLValue)
    case object(IntrospectionSource)
    case objects([IntrospectionSource])

    static func string(_ s: String?) -> IntrospectionValue { s.map { .value(.string($0)) } ?? .null }
    static func bool(_ b: Bool) -> IntrospectionValue { .value(.bool(b)) }
}

/// Prints a default value as graphql-js's introspection does: the literal is coerced to
/// its type (filling input object defaults) and printed back (astFromValue).
enum DefaultValuePrinter {
    static func print(_ literal: Value, _ type: TypeRef, _ schema: GraphQLSchema) -> String {
        guard let value = ValueFromAST.coerce(literal, type, schema, scalars: [:], variables: [:]) else {
            return printValue(literal)
        }
        return astFromValue(value, type, schema).map(printValue) ?? printValue(literal)
    }

    static func astFromValue(_ value: GraphQLValue, _ type: TypeRef, _ schema: GraphQLSchema) -> Value? {
        switch type {
        case .nonNull(let inner):
            return value.isNull ? nil : astFromValue(value, inner, schema)
        case .list(let item):
            if value.isNull { return .null(.synthetic) }
            if case .list(let items) = value {
                return .list(items.compactMap { astFromValue($0, item, schema) }, .synthetic)
            }
            return astFromValue(value, item, schema)
        case .named(let index):
            if value.isNull { return .null(.synthetic) }
            switch schema.types[index] {
            case .inputObject(let input):
                guard case .object(let object) = value else { return nil }
                var fields: [ObjectField] = []
                for field in input.fields {
                    guard let fieldValue = object[field.name], let ast = astFromValue(fieldValue, field.type, schema) else { continue }
                    fields.append(ObjectField(name: Name(field.name), value: ast, loc: .synthetic))
                }
                return .object(fields, .synthetic)
            case .enumType:
                guard case .string(let name) = value else { return nil }
                return .enumValue(name, .synthetic)
            case .scalar(let scalar):
                switch value {
                case .bool(let b): return .boolean(b, .synthetic)
                case .int(let i): return .int(String(i), .synthetic)
                case .float(let d):
                    if d == d.rounded(), abs(d) < 1e21 { return .int(String(Int(d)), .synthetic) }
                    return .float(d.description, .synthetic)
                case .string(let s):
                    if scalar.name == "ID", let i = Int(s), String(i) == s { return .int(s, .synthetic) }
                    return .string(StringValue(value: s))
                default:
                    return ValueFromAST.literal(from: value)
                }
            default:
                return nil
            }
        }
    }
}
