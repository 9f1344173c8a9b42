/// The fields of the introspection types `__Schema`, `__Type`, `__Field`, `__InputValue`, `__EnumValue` and
/// `__Directive` (spec 4.2), one case per type and field, resolved by a switch over the schema. They read the schema
/// and never fail. (A closure per field cost a call through its context, and its reference counting, on every value
/// of an introspection response.)
enum IntrospectionField: Sendable {
    case schemaDescription, schemaTypes, schemaQueryType, schemaMutationType, schemaSubscriptionType, schemaDirectives
    case typeKind, typeName, typeDescription, typeSpecifiedByURL, typeFields, typeInterfaces, typePossibleTypes
    case typeEnumValues, typeInputFields, typeOfType, typeIsOneOf
    case fieldName, fieldDescription, fieldArgs, fieldType, fieldIsDeprecated, fieldDeprecationReason
    case inputValueName, inputValueDescription, inputValueType, inputValueDefaultValue, inputValueIsDeprecated
    case inputValueDeprecationReason
    case enumValueName, enumValueDescription, enumValueIsDeprecated, enumValueDeprecationReason
    case directiveName, directiveDescription, directiveIsRepeatable, directiveLocations, directiveArgs

    /// The case of `field` on the introspection type `type`; nil for any other field.
    init?(type: String, field: String) {
        switch (type, field) {
        case ("__Schema", "description"): self = .schemaDescription
        case ("__Schema", "types"): self = .schemaTypes
        case ("__Schema", "queryType"): self = .schemaQueryType
        case ("__Schema", "mutationType"): self = .schemaMutationType
        case ("__Schema", "subscriptionType"): self = .schemaSubscriptionType
        case ("__Schema", "directives"): self = .schemaDirectives
        case ("__Type", "kind"): self = .typeKind
        case ("__Type", "name"): self = .typeName
        case ("__Type", "description"): self = .typeDescription
        case ("__Type", "specifiedByURL"): self = .typeSpecifiedByURL
        case ("__Type", "fields"): self = .typeFields
        case ("__Type", "interfaces"): self = .typeInterfaces
        case ("__Type", "possibleTypes"): self = .typePossibleTypes
        case ("__Type", "enumValues"): self = .typeEnumValues
        case ("__Type", "inputFields"): self = .typeInputFields
        case ("__Type", "ofType"): self = .typeOfType
        case ("__Type", "isOneOf"): self = .typeIsOneOf
        case ("__Field", "name"): self = .fieldName
        case ("__Field", "description"): self = .fieldDescription
        case ("__Field", "args"): self = .fieldArgs
        case ("__Field", "type"): self = .fieldType
        case ("__Field", "isDeprecated"): self = .fieldIsDeprecated
        case ("__Field", "deprecationReason"): self = .fieldDeprecationReason
        case ("__InputValue", "name"): self = .inputValueName
        case ("__InputValue", "description"): self = .inputValueDescription
        case ("__InputValue", "type"): self = .inputValueType
        case ("__InputValue", "defaultValue"): self = .inputValueDefaultValue
        case ("__InputValue", "isDeprecated"): self = .inputValueIsDeprecated
        case ("__InputValue", "deprecationReason"): self = .inputValueDeprecationReason
        case ("__EnumValue", "name"): self = .enumValueName
        case ("__EnumValue", "description"): self = .enumValueDescription
        case ("__EnumValue", "isDeprecated"): self = .enumValueIsDeprecated
        case ("__EnumValue", "deprecationReason"): self = .enumValueDeprecationReason
        case ("__Directive", "name"): self = .directiveName
        case ("__Directive", "description"): self = .directiveDescription
        case ("__Directive", "isRepeatable"): self = .directiveIsRepeatable
        case ("__Directive", "locations"): self = .directiveLocations
        case ("__Directive", "args"): self = .directiveArgs
        default: return nil
        }
    }

    /// The field's value at `source`; `arguments` are the coerced ones (only `includeDeprecated` is read).
    func resolve(_ source: IntrospectionSource, _ arguments: GraphQLObject, in schema: GraphQLSchema) -> IntrospectionValue {
        // Read only by the four list fields that take the argument.
        var includeDeprecated: Bool { arguments["includeDeprecated"] == .bool(true) }
        switch self {
        case .schemaDescription: return .string(schema.description)
        case .schemaTypes: return .objects(schema.types.indices.map { .namedType(Int32($0)) })
        case .schemaQueryType: return schema.queryType.map { .object(.namedType(Int32($0))) } ?? .null
        case .schemaMutationType: return schema.mutationType.map { .object(.namedType(Int32($0))) } ?? .null
        case .schemaSubscriptionType: return schema.subscriptionType.map { .object(.namedType(Int32($0))) } ?? .null
        case .schemaDirectives: return .objects(schema.directives.indices.map { .directive(Int32($0)) })

        case .typeKind: return Self.kind(of: source, in: schema)
        case .typeName:
            guard case .namedType(let i) = source else { return .null }
            return .string(schema.types[Int(i)].name)
        case .typeDescription:
            guard case .namedType(let i) = source else { return .null }
            return .string(schema.types[Int(i)].description)
        case .typeSpecifiedByURL:
            guard case .namedType(let i) = source, case .scalar(let scalar) = schema.types[Int(i)] else { return .null }
            return .string(scalar.specifiedByURL)
        case .typeFields:
            guard case .namedType(let i) = source, let object = schema.types[Int(i)].fieldsType else { return .null }
            return .objects(object.fields.indices.compactMap { f in
                includeDeprecated || object.fields[f].deprecationReason == nil ? .field(type: i, field: Int32(f)) : nil
            })
        case .typeInterfaces:
            guard case .namedType(let i) = source, let object = schema.types[Int(i)].fieldsType else { return .null }
            return .objects(object.interfaces.map { .namedType(Int32($0)) })
        case .typePossibleTypes:
            guard case .namedType(let i) = source, schema.types[Int(i)].isAbstractType else { return .null }
            return .objects(schema.possibleTypes(of: Int(i)).map { .namedType(Int32($0)) })
        case .typeEnumValues:
            guard case .namedType(let i) = source, case .enumType(let enumType) = schema.types[Int(i)] else { return .null }
            return .objects(enumType.values.indices.compactMap { v in
                includeDeprecated || enumType.values[v].deprecationReason == nil ? .enumValue(type: i, value: Int32(v)) : nil
            })
        case .typeInputFields:
            guard case .namedType(let i) = source, case .inputObject(let input) = schema.types[Int(i)] else { return .null }
            return .objects(input.fields.indices.compactMap { f in
                includeDeprecated || input.fields[f].deprecationReason == nil ? .inputField(type: i, field: Int32(f)) : nil
            })
        case .typeOfType:
            switch source.typeRef {
            case .list(let inner)?, .nonNull(let inner)?: return .object(.type(inner))
            default: return .null
            }
        case .typeIsOneOf:
            guard case .namedType(let i) = source, case .inputObject(let input) = schema.types[Int(i)] else { return .null }
            return .bool(input.isOneOf)

        case .fieldName, .fieldDescription, .fieldArgs, .fieldType, .fieldIsDeprecated, .fieldDeprecationReason:
            guard case .field(let t, let f) = source else { return .null }
            return resolveField(schema.field(t, f), type: t, index: f, includeDeprecated: includeDeprecated)

        case .inputValueName, .inputValueDescription, .inputValueType, .inputValueDefaultValue, .inputValueIsDeprecated,
            .inputValueDeprecationReason:
            guard let value = schema.inputValue(source) else { return .null }
            return resolveInputValue(value, in: schema)

        case .enumValueName, .enumValueDescription, .enumValueIsDeprecated, .enumValueDeprecationReason:
            guard case .enumValue(let t, let v) = source, case .enumType(let enumType) = schema.types[Int(t)] else { return .null }
            // Read in place: a copy of the value's model would retain each of its fields.
            let index = Int(v)
            switch self {
            case .enumValueName: return .string(enumType.values[index].name)
            case .enumValueDescription: return .string(enumType.values[index].description)
            case .enumValueIsDeprecated: return .bool(enumType.values[index].deprecationReason != nil)
            default: return .string(enumType.values[index].deprecationReason)
            }

        case .directiveName, .directiveDescription, .directiveIsRepeatable, .directiveLocations, .directiveArgs:
            guard case .directive(let d) = source else { return .null }
            let directive = schema.directives[Int(d)]
            switch self {
            case .directiveName: return .string(directive.name)
            case .directiveDescription: return .string(directive.description)
            case .directiveIsRepeatable: return .bool(directive.isRepeatable)
            case .directiveLocations: return .value(.list(directive.locations.map { .string($0.rawValue) }))
            default:
                return .objects(directive.arguments.indices.compactMap { a in
                    includeDeprecated || directive.arguments[a].deprecationReason == nil
                        ? .directiveArgument(directive: d, argument: Int32(a)) : nil
                })
            }
        }
    }

    private func resolveField(_ field: FieldDefinitionModel, type: Int32, index: Int32, includeDeprecated: Bool) -> IntrospectionValue {
        switch self {
        case .fieldName: return .string(field.name)
        case .fieldDescription: return .string(field.description)
        case .fieldType: return .object(.type(field.type))
        case .fieldIsDeprecated: return .bool(field.deprecationReason != nil)
        case .fieldDeprecationReason: return .string(field.deprecationReason)
        default:
            let arguments = field.arguments
            return .objects(arguments.indices.compactMap { a in
                includeDeprecated || arguments[a].deprecationReason == nil ? .argument(type: type, field: index, argument: Int32(a)) : nil
            })
        }
    }

    private func resolveInputValue(_ value: InputValueModel, in schema: GraphQLSchema) -> IntrospectionValue {
        switch self {
        case .inputValueName: return .string(value.name)
        case .inputValueDescription: return .string(value.description)
        case .inputValueType: return .object(.type(value.type))
        case .inputValueDefaultValue:
            guard let literal = value.defaultValue else { return .null }
            return .string(DefaultValuePrinter.print(literal, value.type, schema))
        case .inputValueIsDeprecated: return .bool(value.deprecationReason != nil)
        default: return .string(value.deprecationReason)
        }
    }

    private static func kind(of source: IntrospectionSource, in schema: GraphQLSchema) -> IntrospectionValue {
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
}

/// What an introspection field yields: leaves, or schema positions to complete further.
enum IntrospectionValue {
    case null
    case value(GraphQLValue)
    case object(IntrospectionSource)
    case objects([IntrospectionSource])

    static func string(_ s: String?) -> IntrospectionValue { s.map { .value(.string($0)) } ?? .null }
    static func bool(_ b: Bool) -> IntrospectionValue { .value(.bool(b)) }
}
