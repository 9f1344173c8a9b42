/// Parses a GraphQL document: executable definitions and the whole type-system language.
public func parse(_ source: String, options: ParseOptions = ParseOptions()) throws(GraphQLError)
    -> Document
{
    try parse(Source(source), options: options)
}

/// Parses a GraphQL document from a `Source`.
public func parse(_ source: Source, options: ParseOptions = ParseOptions()) throws(GraphQLError)
    -> Document
{
    let result: Result<Document, GraphQLError> = source.bytes.withUnsafeBufferPointer { buffer in
        var parser = Parser(source: source, buffer: buffer, options: options)
        do throws(GraphQLError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

/// Recursive-descent parser for spec section 2 and the type-system language of section 3,
/// with graphql-js's error messages and positions.
struct Parser: ~Copyable {
    var lexer: Lexer
    let options: ParseOptions
    private var depth = 0
    private var fieldCount = 0
    private var aliasCount = 0

    init(source: Source, buffer: UnsafeBufferPointer<UInt8>, options: ParseOptions) {
        self.lexer = Lexer(source: source, buffer: buffer, maxTokens: options.maxTokens)
        self.options = options
    }

    var token: Token { lexer.token }

    // MARK: - Document (spec 2.2)

    mutating func parseDocument() throws(GraphQLError) -> Document {
        try lexer.advance()
        let start = token.start
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while token.kind != .endOfFile
        return Document(
            definitions: definitions, loc: Location(start: start, end: lexer.lastTokenEnd),
            source: lexer.source)
    }

    private mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if token.kind == .braceLeft { return .operation(try parseOperationDefinition()) }
        let hasDescription = peekDescription()
        let keyword = hasDescription ? try lexer.peek() : token
        guard keyword.kind == .name else { throw unexpected(keyword) }
        switch lexer.text(of: keyword) {
        case "schema": return .schema(try parseSchemaDefinition())
        case "scalar", "type", "interface", "union", "enum", "input":
            return .type(try parseTypeDefinition())
        case "directive": return .directive(try parseDirectiveDefinition())
        case "query", "mutation", "subscription": return .operation(try parseOperationDefinition())
        case "fragment": return .fragment(try parseFragmentDefinition())
        case "extend":
            if hasDescription {
                throw lexer.syntaxError(
                    at: token.start,
                    "Unexpected description, descriptions are not supported on type extensions.")
            }
            return try parseTypeSystemExtension()
        default:
            if hasDescription {
                throw lexer.syntaxError(
                    at: token.start,
                    "Unexpected description, descriptions are supported only on type definitions.")
            }
            throw unexpected(keyword)
        }
    }

    // MARK: - Operations (spec 2.3)

    private mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = token.start
        if token.kind == .braceLeft {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(
                description: nil, operation: .query, name: nil, variableDefinitions: [],
                directives: [], selectionSet: selectionSet, loc: loc(from: start))
        }
        let description = try parseDescription()
        let operation = try parseOperationType()
        let name = token.kind == .name ? try parseName() : nil
        let variables = try parseVariableDefinitions()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(
            description: description, operation: operation, name: name,
            variableDefinitions: variables, directives: directives, selectionSet: selectionSet,
            loc: loc(from: start))
    }

    private mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let operationToken = try expect(.name)
        switch lexer.text(of: operationToken) {
        case "query": return .query
        case "mutation": return .mutation
        case "subscription": return .subscription
        default: throw unexpected(operationToken)
        }
    }

    private mutating func parseVariableDefinitions() throws(GraphQLError) -> [VariableDefinition] {
        guard try skip(.parenLeft) else { return [] }
        var definitions: [VariableDefinition] = []
        repeat {
            definitions.append(try parseVariableDefinition())
        } while try !skip(.parenRight)
        return definitions
    }

    private mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinition {
        let start = token.start
        let description = try parseDescription()
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try skip(.equals) ? try parseValue(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(
            description: description, variable: variable, type: type, defaultValue: defaultValue,
            directives: directives, loc: loc(from: start))
    }

    private mutating func parseVariable() throws(GraphQLError) -> Variable {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, loc: loc(from: start))
    }

    // MARK: - Selections (spec 2.4 - 2.8)

    private mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = token.start
        try enterNesting()
        try expect(.braceLeft)
        var selections: [Selection] = []
        repeat {
            selections.append(try parseSelection())
        } while try !skip(.braceRight)
        depth -= 1
        return SelectionSet(selections: selections, loc: loc(from: start))
    }

    private mutating func parseSelection() throws(GraphQLError) -> Selection {
        token.kind == .spread ? try parseFragment() : .field(try parseField())
    }

    private mutating func parseField() throws(GraphQLError) -> Field {
        let start = token.start
        let nameOrAlias = try parseName()
        let alias: Name?
        let name: Name
        if try skip(.colon) {
            alias = nameOrAlias
            name = try parseName()
            aliasCount += 1
            if aliasCount > options.maxAliases {
                throw lexer.syntaxError(
                    at: start,
                    "Document contains more than \(options.maxAliases) aliases. Parsing aborted.")
            }
        } else {
            alias = nil
            name = nameOrAlias
        }
        fieldCount += 1
        if fieldCount > options.maxFields {
            throw lexer.syntaxError(
                at: start, "Document contains more than \(options.maxFields) fields. Parsing aborted.")
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = token.kind == .braceLeft ? try parseSelectionSet() : nil
        return Field(
            alias: alias, name: name, arguments: arguments, directives: directives,
            selectionSet: selectionSet, loc: loc(from: start))
    }

    private mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        guard try skip(.parenLeft) else { return [] }
        var arguments: [Argument] = []
        repeat {
            let start = token.start
            let name = try parseName()
            try expect(.colon)
            let value = try parseValue(isConst: isConst)
            arguments.append(Argument(name: name, value: value, loc: loc(from: start)))
        } while try !skip(.parenRight)
        return arguments
    }

    private mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try skipKeyword("on")
        if !hasTypeCondition && token.kind == .name {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(
                FragmentSpread(name: name, directives: directives, loc: loc(from: start)))
        }
        let typeCondition = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(
            InlineFragment(
                typeCondition: typeCondition, directives: directives, selectionSet: selectionSet,
                loc: loc(from: start)))
    }

    private mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(
            description: description, name: name, typeCondition: typeCondition,
            directives: directives, selectionSet: selectionSet, loc: loc(from: start))
    }

    private mutating func parseFragmentName() throws(GraphQLError) -> Name {
        if lexer.tokenIs("on") { throw unexpected(token) }
        return try parseName()
    }

    // MARK: - Values (spec 2.9)

    mutating func parseValue(isConst: Bool) throws(GraphQLError) -> Value {
        let start = token.start
        switch token.kind {
        case .bracketLeft:
            try enterNesting()
            try lexer.advance()
            var values: [Value] = []
            while try !skip(.bracketRight) { values.append(try parseValue(isConst: isConst)) }
            depth -= 1
            return .list(values, loc(from: start))
        case .braceLeft:
            try enterNesting()
            try lexer.advance()
            var fields: [ObjectField] = []
            while try !skip(.braceRight) {
                let fieldStart = token.start
                let name = try parseName()
                try expect(.colon)
                let value = try parseValue(isConst: isConst)
                fields.append(ObjectField(name: name, value: value, loc: loc(from: fieldStart)))
            }
            depth -= 1
            return .object(fields, loc(from: start))
        case .int:
            let text = lexer.text(of: token)
            try lexer.advance()
            return .int(text, loc(from: start))
        case .float:
            let text = lexer.text(of: token)
            try lexer.advance()
            return .float(text, loc(from: start))
        case .string, .blockString:
            return .string(try parseStringLiteral())
        case .name:
            let text = lexer.text(of: token)
            try lexer.advance()
            switch text {
            case "true": return .boolean(true, loc(from: start))
            case "false": return .boolean(false, loc(from: start))
            case "null": return .null(loc(from: start))
            default: return .enumValue(text, loc(from: start))
            }
        case .dollar:
            if isConst {
                try lexer.advance()
                if token.kind == .name {
                    throw lexer.syntaxError(
                        at: token.start,
                        "Unexpected variable \"$\(lexer.text(of: token))\" in constant value.")
                }
                throw unexpected(token)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected(token)
        }
    }

    private mutating func parseStringLiteral() throws(GraphQLError) -> StringValue {
        let current = token
        try lexer.advance()
        return StringValue(
            value: current.stringValue ?? "", block: current.kind == .blockString,
            loc: Location(start: current.start, end: current.end))
    }

    // MARK: - Directives and types (spec 2.10, 2.11)

    mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while token.kind == .at {
            let start = token.start
            try lexer.advance()
            let name = try parseName()
            let arguments = try parseArguments(isConst: isConst)
            directives.append(Directive(name: name, arguments: arguments, loc: loc(from: start)))
        }
        return directives
    }

    mutating func parseTypeReference() throws(GraphQLError) -> TypeNode {
        let start = token.start
        var type: TypeNode
        if try skip(.bracketLeft) {
            try enterNesting()
            let inner = try parseTypeReference()
            try expect(.bracketRight)
            depth -= 1
            type = .list(inner, loc(from: start))
        } else {
            type = .named(try parseNamedType())
        }
        if try skip(.bang) { type = .nonNull(type, loc(from: start)) }
        return type
    }

    mutating func parseNamedType() throws(GraphQLError) -> NamedType {
        NamedType(name: try parseName())
    }

    // MARK: - Token helpers

    mutating func parseName() throws(GraphQLError) -> Name {
        let current = try expect(.name)
        return Name(lexer.text(of: current), loc: Location(start: current.start, end: current.end))
    }

    func peekDescription() -> Bool { token.kind == .string || token.kind == .blockString }

    mutating func parseDescription() throws(GraphQLError) -> StringValue? {
        peekDescription() ? try parseStringLiteral() : nil
    }

    /// Consumes a token of `kind` or fails with "Expected X, found Y."
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(GraphQLError) -> Token {
        let current = token
        guard current.kind == kind else {
            throw lexer.syntaxError(
                at: current.start, "Expected \(kind), found \(describe(current)).")
        }
        try lexer.advance()
        return current
    }

    /// Consumes a token of `kind` if it is next.
    mutating func skip(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try lexer.advance()
        return true
    }

    mutating func expectKeyword(_ keyword: StaticString) throws(GraphQLError) {
        guard lexer.tokenIs(keyword) else {
            throw lexer.syntaxError(
                at: token.start, "Expected \"\(keyword)\", found \(describe(token)).")
        }
        try lexer.advance()
    }

    mutating func skipKeyword(_ keyword: StaticString) throws(GraphQLError) -> Bool {
        guard lexer.tokenIs(keyword) else { return false }
        try lexer.advance()
        return true
    }

    func unexpected(_ token: Token) -> GraphQLError {
        lexer.syntaxError(at: token.start, "Unexpected \(describe(token)).")
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .name, .int, .float: return "\(token.kind) \"\(lexer.text(of: token))\""
        case .string, .blockString: return "\(token.kind) \"\(token.stringValue ?? "")\""
        default: return token.kind.description
        }
    }

    func loc(from start: Int) -> Location {
        Location(start: start, end: lexer.lastTokenEnd)
    }

    mutating func enterNesting() throws(GraphQLError) {
        depth += 1
        if depth > options.maxDepth {
            throw lexer.syntaxError(
                at: token.start,
                "Document nesting exceeds the maximum depth of \(options.maxDepth). Parsing aborted.")
        }
    }
}
