/// Coercion of JSON-like input values, such as variables, to an input type (spec 3.x
/// "Input Coercion" and 6.1.2 CoerceVariableValues). Problems are reported with the path
/// inside the value where they were found.
struct InputCoercion {
    let schema: ExecutableSchema
    /// Each problem: the path inside the value and a message.
    private(set) var problems: [(path: [PathElement], message: String)] = []

    init(schema: ExecutableSchema) { self.schema = schema }

    mutating func coerce(_ value: GraphQLValue, _ type: TypeRef, path: [PathElement] = []) -> GraphQLValue {
        switch type {
        case .nonNull(let inner):
            if value.isNull {
                problems.append((path, "Expected non-nullable type \"\(schema.schema.describe(type))\" not to be null."))
                return .null
            }
            return coerce(value, inner, path: path)
        case .list(let itemType):
            if value.isNull { return .null }
            if case .list(let items) = value {
                var result: [GraphQLValue] = []
                result.reserveCapacity(items.count)
                for (i, item) in items.enumerated() {
                    result.append(coerce(item, itemType, path: path + [.index(i)]))
                }
                return .list(result)
            }
            return .list([coerce(value, itemType, path: path)])
        case .named(let index):
            if value.isNull { return .null }
            switch schema.schema.types[index] {
            case .inputObject(let input): return coerceObject(value, input, path: path)
            case .enumType(let enumType):
                guard case .string(let name) = value else {
                    problems.append((path, "Enum \"\(enumType.name)\" cannot represent non-string value: \(JSON.serialize(value))."))
                    return .null
                }
                guard enumType.value(named: name) != nil else {
                    let suggestions = Suggestions.list(name, enumType.values.map(\.name))
                    problems.append((path, "Value \"\(name)\" does not exist in \"\(enumType.name)\" enum." + Suggestions.didYouMean(suggestions, subMessage: "the enum value")))
                    return .null
                }
                return value
            case .scalar(let scalar):
                if let custom = schema.scalars[index] {
                    do {
                        return try custom.parseValue(value)
                    } catch {
                        problems.append((path, "Expected type \"\(scalar.name)\". " + error.message))
                        return .null
                    }
                }
                switch BuiltinScalars.parseValue(value, scalar.name) {
                case .success(let coerced): return coerced
                case .failure(let error):
                    problems.append((path, error.message))
                    return .null
                }
            default:
                problems.append((path, "Expected an input type, found \(schema.schema.types[index].name)."))
                return .null
            }
        }
    }

    private mutating func coerceObject(_ value: GraphQLValue, _ input: InputObjectType, path: [PathElement]) -> GraphQLValue {
        guard case .object(let object) = value else {
            problems.append((path, "Expected type \"\(input.name)\" to be an object."))
            return .null
        }
        var result = GraphQLObject()
        for field in input.fields {
            guard let fieldValue = object[field.name] else {
                if let defaultValue = field.defaultValue,
                    let coerced = ValueFromAST.coerce(defaultValue, field.type, schema, variables: [:])
                {
                    result.append(field.name, coerced)
                } else if field.type.isNonNull {
                    problems.append((path, "Field \"\(field.name)\" of required type \"\(schema.schema.describe(field.type))\" was not provided."))
                }
                continue
            }
            result.append(field.name, coerce(fieldValue, field.type, path: path + [.key(field.name)]))
        }
        for key in object.keys where input.field(named: key) == nil {
            let suggestions = Suggestions.list(key, input.fields.map(\.name))
            problems.append((path, "Field \"\(key)\" is not defined by type \"\(input.name)\"." + Suggestions.didYouMean(suggestions)))
        }
        if input.isOneOf {
            if object.count != 1 {
                problems.append((path, "Exactly one key must be specified for OneOf type \"\(input.name)\"."))
            } else if object.values[0].isNull {
                problems.append((path, "Field \"\(object.keys[0])\" must be non-null."))
            }
        }
        return .object(result)
    }
}
