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
