/// Spec 5.6.1 Values of Correct Type, 5.6.2 Input Object Field Names and 5.6.4 Input Object
/// Required Fields, plus the OneOf input object rules of the September 2025 edition.
/// Literals are checked against the type of their position; variables are left to
/// VariablesInAllowedPosition.
final class ValuesOfCorrectTypeRule: ValidationRule {
    func enterInputValue(_ node: Value, type: TypeRef?, _ context: ValidationContext) {
        check(node, type, context)
    }

    private func check(_ value: Value, _ type: TypeRef?, _ context: ValidationContext) {
        let schema = context.schema
        switch value {
        case .variable:
            return
        case .null(let loc):
            if let type, type.isNonNull {
                context.report("Expected value of type \"\(schema.describe(type))\", found null.", [loc])
            }
        case .list(let items, _):
            guard let type else { return }
            // A list literal needs a list type; items are checked against the item type.
            guard let itemType = type.nullable.listItem else {
                checkLeaf(value, type.nullable, context)
                return
            }
            for item in items { check(item, itemType, context) }
        case .object(let fields, let loc):
            guard let type else { return }
            guard case .inputObject(let input) = schema.namedType(type) else {
                checkLeaf(value, type, context)
                return
            }
            for field in input.fields where field.isRequired {
                if !fields.contains(where: { $0.name.value == field.name }) {
                    context.report(
                        "Field \"\(input.name).\(field.name)\" of required type \"\(schema.describe(field.type))\" was not provided.",
                        [loc])
                }
            }
            for field in fields {
                guard let definition = input.field(named: field.name.value) else {
                    let suggestions = Suggestions.list(field.name.value, input.fields.map(\.name))
                    context.report(
                        "Field \"\(field.name.value)\" is not defined by type \"\(input.name)\"." + Suggestions.didYouMean(suggestions),
                        [field.loc])
                    continue
                }
                check(field.value, definition.type, context)
            }
            if input.isOneOf {
                if fields.count != 1 {
                    context.report("OneOf Input Object \"\(input.name)\" must specify exactly one key.", [loc])
                } else if case .null = fields[0].value {
                    context.report("Field \"\(input.name).\(fields[0].name.value)\" must be non-null.", [loc])
                }
            }
        default:
            guard let type else { return }
            checkLeaf(value, type, context)
        }
    }

    /// graphql-js's isValidValueNode: the literal must parse as the named leaf type.
    private func checkLeaf(_ value: Value, _ type: TypeRef, _ context: ValidationContext) {
        let schema = context.schema
        let named = schema.namedType(type)
        let found = printValue(value)
        let expected = "Expected value of type \"\(schema.describe(type))\", found \(found)"
        switch named {
        case .scalar(let scalar):
            if let problem = LiteralCoercion.problem(with: value, forScalar: scalar.name) {
                context.report(expected + "; " + problem, [value.loc])
            } else if let coercion = context.customScalars[scalar.name] {
                do {
                    _ = try coercion.parseLiteral(value)
                } catch {
                    context.report(expected + "; " + error.message, [value.loc])
                }
            }
        case .enumType(let enumType):
            guard case .enumValue(let name, _) = value else {
                let suggestions = Suggestions.list(found, enumType.values.map(\.name))
                context.report(
                    "Enum \"\(enumType.name)\" cannot represent non-enum value: \(found)."
                        + Suggestions.didYouMean(suggestions, subMessage: "the enum value"),
                    [value.loc])
                return
            }
            if enumType.value(named: name) == nil {
                let suggestions = Suggestions.list(name, enumType.values.map(\.name))
                context.report(
                    "Value \"\(name)\" does not exist in \"\(enumType.name)\" enum." + Suggestions.didYouMean(suggestions, subMessage: "the enum value"),
                    [value.loc])
            }
        default:
            context.report(expected + ".", [value.loc])
        }
    }
}

/// Which literals the built-in scalars accept (spec 3.5 input coercion); custom scalars
/// accept every literal here and judge values when they are parsed.
enum LiteralCoercion {
    static let int32Range = -2_147_483_648...2_147_483_647

    /// Why `value` is not a literal of the scalar, or nil when it is one.
    static func problem(with value: Value, forScalar name: String) -> String? {
        switch name {
        case "Int":
            guard case .int(let text, _) = value else {
                return "Int cannot represent non-integer value: \(printValue(value))"
            }
            guard let number = Int(text), int32Range.contains(number) else {
                return "Int cannot represent non 32-bit signed integer value: \(text)"
            }
            return nil
        case "Float":
            switch value {
            case .int, .float: return nil
            default: return "Float cannot represent non numeric value: \(printValue(value))"
            }
        case "String":
            if case .string = value { return nil }
            return "String cannot represent a non string value: \(printValue(value))"
        case "Boolean":
            if case .boolean = value { return nil }
            return "Boolean cannot represent a non boolean value: \(printValue(value))"
        case "ID":
            switch value {
            case .string, .int: return nil
            default: return "ID cannot represent a non-string and non-integer value: \(printValue(value))"
            }
        default:
            return nil
        }
    }
}
