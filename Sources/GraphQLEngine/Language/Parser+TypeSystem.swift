/// The type-system language (spec section 3): definitions and extensions.
extension Parser {
    mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        try expect(.braceLeft)
        var operationTypes: [OperationTypeDefinition] = []
        repeat {
            operationTypes.append(try parseOperationTypeDefinition())
        } while try !skip(.braceRight)
        return SchemaDefinition(
            description: description, directives: directives, operationTypes: operationTypes,
            loc: loc(from: start))
    }

    private mutating func parseOperationTypeDefinition() throws(GraphQLError)
        -> OperationTypeDefinition
    {
        let start = token.start
        let operationToken = try expect(.name)
        let operation: OperationType
        switch lexer.text(of: operationToken) {
        case "query": operation = .query
        case "mutation": operation = .mutation
        case "subscription": operation = .subscription
        default: throw unexpected(operationToken)
        }
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, loc: loc(from: start))
    }

    /// A type definition, or with `isExtension` the body of `extend <kind> Name ...`.
    mutating func parseTypeDefinition(extensionStart: Int? = nil) throws(GraphQLError)
        -> TypeDefinition
    {
        let isExtension = extensionStart != nil
        let start = extensionStart ?? token.start
        let description = isExtension ? nil : try parseDescription()
        let keyword = try expect(.name)
        let name = try parseName()
        switch lexer.text(of: keyword) {
        case "scalar":
            let directives = try parseDirectives(isConst: true)
            if isExtension && directives.isEmpty { throw unexpected(token) }
            return .scalar(
                ScalarTypeDefinition(
                    description: description, name: name, directives: directives,
                    loc: loc(from: start)))
        case "type", "interface":
            let isInterface = lexer.text(of: keyword) == "interface"
            let interfaces = try parseImplementsInterfaces()
            let directives = try parseDirectives(isConst: true)
            let fields = try parseFieldsDefinition()
            if isExtension && interfaces.isEmpty && directives.isEmpty && fields.isEmpty {
                throw unexpected(token)
            }
            let definition = ObjectTypeDefinition(
                description: description, name: name, interfaces: interfaces,
                directives: directives, fields: fields, loc: loc(from: start))
            return isInterface ? .interface(definition) : .object(definition)
        case "union":
            let directives = try parseDirectives(isConst: true)
            var types: [NamedType] = []
            if try skip(.equals) {
                _ = try skip(.pipe)
                repeat { types.append(try parseNamedType()) } while try skip(.pipe)
            }
            if isExtension && directives.isEmpty && types.isEmpty { throw unexpected(token) }
            return .union(
                UnionTypeDefinition(
                    description: description, name: name, directives: directives, types: types,
                    loc: loc(from: start)))
        case "enum":
            let directives = try parseDirectives(isConst: true)
            var values: [EnumValueDefinition] = []
            if try skip(.braceLeft) {
                repeat { values.append(try parseEnumValueDefinition()) } while try !skip(.braceRight)
            }
            if isExtension && directives.isEmpty && values.isEmpty { throw unexpected(token) }
            return .enumType(
                EnumTypeDefinition(
                    description: description, name: name, directives: directives, values: values,
                    loc: loc(from: start)))
        case "input":
            let directives = try parseDirectives(isConst: true)
            var fields: [InputValueDefinition] = []
            if try skip(.braceLeft) {
                repeat { fields.append(try parseInputValueDefinition()) } while try !skip(.braceRight)
            }
            if isExtension && directives.isEmpty && fields.isEmpty { throw unexpected(token) }
            return .inputObject(
                InputObjectTypeDefinition(
                    description: description, name: name, directives: directives, fields: fields,
                    loc: loc(from: start)))
        default:
            throw unexpected(keyword)
        }
    }

    private mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedType] {
        guard try skipKeyword("implements") else { return [] }
        _ = try skip(.ampersand)
        var interfaces: [NamedType] = []
        repeat { interfaces.append(try parseNamedType()) } while try skip(.ampersand)
        return interfaces
    }

    private mutating func parseFieldsDefinition() throws(GraphQLError) -> [FieldDefinition] {
        guard try skip(.braceLeft) else { return [] }
        var fields: [FieldDefinition] = []
        repeat {
            let start = token.start
            let description = try parseDescription()
            let name = try parseName()
            let arguments = try parseArgumentDefinitions()
            try expect(.colon)
            let type = try parseTypeReference()
            let directives = try parseDirectives(isConst: true)
            fields.append(
                FieldDefinition(
                    description: description, name: name, arguments: arguments, type: type,
                    directives: directives, loc: loc(from: start)))
        } while try !skip(.braceRight)
        return fields
    }

    private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinition] {
        guard try skip(.parenLeft) else { return [] }
        var arguments: [InputValueDefinition] = []
        repeat { arguments.append(try parseInputValueDefinition()) } while try !skip(.parenRight)
        return arguments
    }

    private mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinition {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try skip(.equals) ? try parseValue(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinition(
            description: description, name: name, type: type, defaultValue: defaultValue,
            directives: directives, loc: loc(from: start))
    }

    private mutating func parseEnumValueDefinition() throws(GraphQLError) -> EnumValueDefinition {
        let start = token.start
        let description = try parseDescription()
        if lexer.tokenIs("true") || lexer.tokenIs("false") || lexer.tokenIs("null") {
            throw lexer.syntaxError(
                at: token.start,
                "\(describe(token)) is reserved and cannot be used for an enum value.")
        }
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return EnumValueDefinition(
            description: description, name: name, directives: directives, loc: loc(from: start))
    }

    mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try skipKeyword("repeatable")
        try expectKeyword("on")
        _ = try skip(.pipe)
        var locations: [Name] = []
        repeat {
            let locationToken = token
            let location = try parseName()
            guard DirectiveLocation(rawValue: location.value) != nil else {
                throw unexpected(locationToken)
            }
            locations.append(location)
        } while try skip(.pipe)
        return DirectiveDefinition(
            description: description, name: name, arguments: arguments, repeatable: repeatable,
            locations: locations, loc: loc(from: start))
    }

    /// `extend schema|scalar|type|interface|union|enum|input ...` (spec 3.3.2, 3.4.3).
    mutating func parseTypeSystemExtension() throws(GraphQLError) -> Definition {
        let keyword = try lexer.peek()
        guard keyword.kind == .name else { throw unexpected(keyword) }
        switch lexer.text(of: keyword) {
        case "schema":
            let start = token.start
            try lexer.advance()
            try lexer.advance()
            let directives = try parseDirectives(isConst: true)
            var operationTypes: [OperationTypeDefinition] = []
            if try skip(.braceLeft) {
                repeat {
                    operationTypes.append(try parseOperationTypeDefinition())
                } while try !skip(.braceRight)
            }
            if directives.isEmpty && operationTypes.isEmpty { throw unexpected(token) }
            return .schemaExtension(
                SchemaDefinition(
                    description: nil, directives: directives, operationTypes: operationTypes,
                    loc: loc(from: start)))
        case "scalar", "type", "interface", "union", "enum", "input":
            let start = token.start
            try lexer.advance()
            return .typeExtension(try parseTypeDefinition(extensionStart: start))
        default:
            throw unexpected(keyword)
        }
    }
}
