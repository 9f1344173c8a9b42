/// Literal input coercion (spec 3.x "Input Coercion" for literals, graphql-js valueFromAST):
/// a literal, possibly holding variables, becomes a value of the expected type.
public enum ValueFromAST {
    /// The coerced value, or nil when the literal is not a valid value of `type`.
    /// A variable missing from `variables` counts as absent (nil at the top level).
    static func coerce(
        _ node: Value, _ type: TypeRef, _ schema: ExecutableSchema, variables: GraphQLObject
    ) -> GraphQLValue? {
        coerce(node, type, schema.schema, scalars: schema.scalars, variables: variables)
    }

    /// The coerced value, with custom scalars parsed by `scalars` (others pass through).
    static func coerce(
        _ node: Value, _ type: TypeRef, _ schema: GraphQLSchema, scalars: [Int: ScalarCoercion],
        variables: GraphQLObject
    ) -> GraphQLValue? {
        if case .variable(let variable) = node {
            guard let value = variables[variable.name.value] else { return nil }
            if value.isNull && type.isNonNull { return nil }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = node { return nil }
            return coerce(node, inner, schema, scalars: scalars, variables: variables)
        case .list(let itemType):
            if case .null = node { return .null }
            guard case .list(let items, _) = node else {
                return coerce(node, itemType, schema, scalars: scalars, variables: variables).map { .list([$0]) }
            }
            var result: [GraphQLValue] = []
            result.reserveCapacity(items.count)
            for item in items {
                if case .variable(let v) = item, variables[v.name.value] == nil {
                    if itemType.isNonNull { return nil }
                    result.append(.null)
                    continue
                }
                guard let value = coerce(item, itemType, schema, scalars: scalars, variables: variables) else { return nil }
                result.append(value)
            }
            return .list(result)
        case .named(let index):
            if case .null = node { return .null }
            switch schema.types[index] {
            case .inputObject(let input):
                return coerceObject(node, input, schema, scalars: scalars, variables: variables)
            case .enumType(let enumType):
                guard case .enumValue(let name, _) = node, enumType.value(named: name) != nil else { return nil }
                return .string(name)
            case .scalar(let scalar):
                if let custom = scalars[index] {
                    guard !containsMissingVariable(node, variables) else { return nil }
                    let literal = substituteVariables(node, variables)
                    return try? custom.parseLiteral(literal)
                }
                guard BuiltinSDL.scalarNames.contains(scalar.name) else {
                    // A custom scalar with no coercion bound takes any literal as it is.
                    return try? untyped(node, variables: variables)
                }
                return builtinLiteral(node, scalar.name)
            default:
                return nil
            }
        }
    }

    private static func coerceObject(
        _ node: Value, _ input: InputObjectType, _ schema: GraphQLSchema, scalars: [Int: ScalarCoercion],
        variables: GraphQLObject
    ) -> GraphQLValue? {
        guard case .object(let fields, _) = node else { return nil }
        var result = GraphQLObject()
        for definition in input.fields {
            let field = fields.first { $0.name.value == definition.name }
            var missing = field == nil
            if let field, case .variable(let v) = field.value, variables[v.name.value] == nil { missing = true }
            if missing {
                if let defaultValue = definition.defaultValue,
                    let value = coerce(defaultValue, definition.type, schema, scalars: scalars, variables: [:])
                {
                    result.append(definition.name, value)
                } else if definition.type.isNonNull {
                    return nil
                }
                continue
            }
            guard let value = coerce(field!.value, definition.type, schema, scalars: scalars, variables: variables) else { return nil }
            result.append(definition.name, value)
        }
        if input.isOneOf {
            guard result.count == 1, !result.values[0].isNull else { return nil }
        }
        return .object(result)
    }

    /// Built-in scalar literals, as the spec's input coercion tables allow them.
    static func builtinLiteral(_ node: Value, _ scalar: String) -> GraphQLValue? {
        switch (scalar, node) {
        case ("Int", .int(let text, _)):
            guard let i = Int(text), LiteralCoercion.int32Range.contains(i) else { return nil }
            return .int(i)
        case ("Float", .int(let text, _)), ("Float", .float(let text, _)):
            return Double(text).map(GraphQLValue.float)
        case ("String", .string(let s)):
            return .string(s.value)
        case ("Boolean", .boolean(let b, _)):
            return .bool(b)
        case ("ID", .string(let s)):
            return .string(s.value)
        case ("ID", .int(let text, _)):
            return .string(text)
        default:
            return nil
        }
    }

    /// A literal as JSON-like data with no type to guide it (graphql-js valueFromASTUntyped).
    public static func untyped(_ node: Value, variables: GraphQLObject = [:]) throws(GraphQLError) -> GraphQLValue {
        switch node {
        case .null: return .null
        case .int(let text, _): return Int(text).map(GraphQLValue.int) ?? .float(Double(text) ?? 0)
        case .float(let text, _): return .float(Double(text) ?? 0)
        case .string(let s): return .string(s.value)
        case .boolean(let b, _): return .bool(b)
        case .enumValue(let name, _): return .string(name)
        case .list(let items, _):
            var values: [GraphQLValue] = []
            for item in items { values.append(try untyped(item, variables: variables)) }
            return .list(values)
        case .object(let fields, _):
            var object = GraphQLObject()
            for field in fields { object[field.name.value] = try untyped(field.value, variables: variables) }
            return .object(object)
        case .variable(let v):
            return variables[v.name.value] ?? .null
        }
    }

    private static func containsMissingVariable(_ node: Value, _ variables: GraphQLObject) -> Bool {
        switch node {
        case .variable(let v): return variables[v.name.value] == nil
        case .list(let items, _): return items.contains { containsMissingVariable($0, variables) }
        case .object(let fields, _): return fields.contains { containsMissingVariable($0.value, variables) }
        default: return false
        }
    }

    /// Custom scalars parse literals only; variables inside become literals of their values.
    private static func substituteVariables(_ node: Value, _ variables: GraphQLObject) -> Value {
        switch node {
        case .variable(let v): return literal(from: variables[v.name.value] ?? .null, at: v.loc)
        case .list(let items, let loc): return .list(items.map { substituteVariables($0, variables) }, loc)
        case .object(let fields, let loc):
            return .object(fields.map { ObjectField(name: $0.name, value: substituteVariables($0.value, variables), loc: $0.loc) }, loc)
        default: return node
        }
    }

    /// The literal that denotes a JSON-like value.
    static func literal(from value: GraphQLValue, at loc: Location = .synthetic) -> Value {
        switch value {
        case .null: return .null(loc)
        case .bool(let b): return .boolean(b, loc)
        case .int(let i): return .int(String(i), loc)
        case .float(let d): return .float(d.description, loc)
        case .string(let s): return .string(StringValue(value: s, block: false, loc: loc))
        case .list(let items): return .list(items.map { literal(from: $0, at: loc) }, loc)
        case .object(let o):
            return .object(o.pairs.map { ObjectField(name: Name($0.0, loc: loc), value: literal(from: $0.1, at: loc), loc: loc) }, loc)
        }
    }
}
