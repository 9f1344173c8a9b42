/// Validates an executable document against a schema with every rule of spec section 5,
/// in one walk of the document. An empty result means the document is valid. Literals of
/// custom scalars are judged by their `parseLiteral` in `customScalars`, as graphql-js does.
public func validate(
    schema: GraphQLSchema, document: Document, rules: [any ValidationRule]? = nil,
    maxErrors: Int = 100, customScalars: [String: ScalarCoercion] = [:]
) -> [GraphQLError] {
    let context = ValidationContext(schema: schema, document: document, maxErrors: maxErrors, customScalars: customScalars)
    var walker = ValidationWalker(context: context, rules: rules ?? specifiedRules())
    walker.walk()
    return context.errors
}

/// A fresh instance of every rule of spec section 5 (the September 2025 edition).
public func specifiedRules() -> [any ValidationRule] {
    [
        ExecutableDefinitionsRule(),
        UniqueOperationNamesRule(),
        LoneAnonymousOperationRule(),
        SingleFieldSubscriptionsRule(),
        KnownOperationTypesRule(),
        KnownTypeNamesRule(),
        FragmentsOnCompositeTypesRule(),
        VariablesAreInputTypesRule(),
        ScalarLeafsRule(),
        FieldsOnCorrectTypeRule(),
        UniqueFragmentNamesRule(),
        KnownFragmentNamesRule(),
        NoUnusedFragmentsRule(),
        PossibleFragmentSpreadsRule(),
        NoFragmentCyclesRule(),
        UniqueVariableNamesRule(),
        NoUndefinedVariablesRule(),
        NoUnusedVariablesRule(),
        KnownDirectivesRule(),
        UniqueDirectivesPerLocationRule(),
        KnownArgumentNamesRule(),
        UniqueArgumentNamesRule(),
        ValuesOfCorrectTypeRule(),
        ProvidedRequiredArgumentsRule(),
        VariablesInAllowedPositionRule(),
        OverlappingFieldsCanBeMergedRule(),
        UniqueInputFieldNamesRule(),
    ]
}

/// Walks a document once, keeping the context's type information current (graphql-js's
/// TypeInfo) and telling each rule what it meets.
struct ValidationWalker {
    let context: ValidationContext
    let rules: [any ValidationRule]
    let schema: GraphQLSchema

    init(context: ValidationContext, rules: [any ValidationRule]) {
        self.context = context
        self.rules = rules
        self.schema = context.schema
    }

    mutating func walk() {
        for rule in rules { rule.enterDocument(context) }
        var operationIndex = 0
        for definition in context.document.definitions {
            if context.isAborted { return }
            switch definition {
            case .operation(let operation):
                context.currentDefinition = .operation(operationIndex)
                operationIndex += 1
                walkOperation(operation)
            case .fragment(let fragment):
                context.currentDefinition = .fragment(fragment.name.value)
                walkFragmentDefinition(fragment)
            default:
                for rule in rules { rule.enterTypeSystemDefinition(definition, context) }
            }
        }
        for rule in rules { rule.leaveDocument(context) }
    }

    private func walkOperation(_ operation: OperationDefinition) {
        let root = schema.rootType(for: operation.operation)
        let rootIsObject: Bool
        if let root, case .object = schema.types[root] { rootIsObject = true } else { rootIsObject = false }
        context.typeStack.append(rootIsObject ? .named(root!) : nil)
        for rule in rules { rule.enterOperation(operation, context) }
        for variable in operation.variableDefinitions {
            walkVariableDefinition(variable)
        }
        let location: DirectiveLocation
        switch operation.operation {
        case .query: location = .query
        case .mutation: location = .mutation
        case .subscription: location = .subscription
        }
        walkDirectives(operation.directives, location: location)
        walkSelectionSet(operation.selectionSet)
        for rule in rules { rule.leaveOperation(operation, context) }
        context.typeStack.removeLast()
    }

    private func walkVariableDefinition(_ variable: VariableDefinition) {
        let type = schema.typeRef(from: variable.type)
        let inputType = type.flatMap { schema.namedType($0).isInputType ? $0 : nil }
        for rule in rules { rule.enterVariableDefinition(variable, context) }
        if let defaultValue = variable.defaultValue {
            context.inputType = inputType
            for rule in rules { rule.enterInputValue(defaultValue, type: inputType, context) }
            context.inputType = nil
        }
        walkDirectives(variable.directives, location: .variableDefinition)
    }

    private func walkFragmentDefinition(_ fragment: FragmentDefinition) {
        context.typeStack.append(outputType(fragment.typeCondition))
        for rule in rules { rule.enterFragmentDefinition(fragment, context) }
        walkDirectives(fragment.directives, location: .fragmentDefinition)
        walkSelectionSet(fragment.selectionSet)
        for rule in rules { rule.leaveFragmentDefinition(fragment, context) }
        context.typeStack.removeLast()
    }

    private func outputType(_ named: NamedType) -> TypeRef? {
        guard let index = schema.typeIndex(named: named.name.value),
            schema.types[index].isOutputType
        else { return nil }
        return .named(index)
    }

    private func walkSelectionSet(_ selectionSet: SelectionSet) {
        var parent: Int?
        if let type = context.type, schema.types[type.namedIndex].isCompositeType {
            parent = type.namedIndex
        }
        context.parentTypeStack.append(parent)
        for rule in rules { rule.enterSelectionSet(selectionSet, context) }
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field): walkField(field)
            case .fragmentSpread(let spread):
                context.spreads[context.currentDefinition, default: []].append(spread)
                for rule in rules { rule.enterFragmentSpread(spread, context) }
                walkDirectives(spread.directives, location: .fragmentSpread)
            case .inlineFragment(let fragment):
                let type: TypeRef?
                if let condition = fragment.typeCondition {
                    type = outputType(condition)
                } else {
                    type = context.type.map { .named($0.namedIndex) }
                }
                context.typeStack.append(type)
                for rule in rules { rule.enterInlineFragment(fragment, context) }
                walkDirectives(fragment.directives, location: .inlineFragment)
                walkSelectionSet(fragment.selectionSet)
                context.typeStack.removeLast()
            }
        }
        context.parentTypeStack.removeLast()
    }

    private func walkField(_ field: Field) {
        let definition = context.parentType.flatMap { schema.fieldDefinition(field.name.value, on: $0) }
        context.fieldDefinitionStack.append(definition)
        context.typeStack.append(definition?.type)
        for rule in rules { rule.enterField(field, context) }
        walkArguments(field.arguments, definitions: definition?.arguments)
        walkDirectives(field.directives, location: .field)
        if let selectionSet = field.selectionSet { walkSelectionSet(selectionSet) }
        for rule in rules { rule.leaveField(field, context) }
        context.typeStack.removeLast()
        context.fieldDefinitionStack.removeLast()
    }

    private func walkDirectives(_ directives: [Directive], location: DirectiveLocation) {
        guard !directives.isEmpty else { return }
        for rule in rules { rule.enterDirectives(directives, location: location, context) }
        for directive in directives {
            let definition = schema.directive(named: directive.name.value)
            context.directive = definition
            context.directiveNode = directive
            for rule in rules { rule.enterDirective(directive, location: location, context) }
            walkArguments(directive.arguments, definitions: definition?.arguments)
            for rule in rules { rule.leaveDirective(directive, context) }
            context.directive = nil
            context.directiveNode = nil
        }
    }

    private func walkArguments(_ arguments: [Argument], definitions: [InputValueModel]?) {
        guard !arguments.isEmpty else { return }
        for rule in rules { rule.enterArguments(arguments, context) }
        for argument in arguments {
            let definition = definitions?.first { $0.name == argument.name.value }
            let inputType = definition.flatMap { schema.namedType($0.type).isInputType ? $0.type : nil }
            context.argument = definition
            context.inputType = inputType
            for rule in rules {
                rule.enterArgument(argument, context)
                rule.enterInputValue(argument.value, type: inputType, context)
            }
            collectVariableUsages(
                argument.value, type: inputType, hasLocationDefault: definition?.defaultValue != nil,
                oneOfParent: nil)
            context.argument = nil
            context.inputType = nil
        }
    }

    /// Finds variables inside a value, with the type each position expects.
    private func collectVariableUsages(
        _ value: Value, type: TypeRef?, hasLocationDefault: Bool, oneOfParent: Int?
    ) {
        switch value {
        case .variable(let variable):
            let usage = VariableUsage(
                variable: variable, type: type, hasLocationDefault: hasLocationDefault,
                oneOfParent: oneOfParent)
            context.variableUsages[context.currentDefinition, default: []].append(usage)
            for rule in rules { rule.enterVariableUsage(usage, context) }
        case .list(let items, _):
            var itemType: TypeRef?
            if let type {
                itemType = type.nullable.listItem ?? type.nullable
            }
            for item in items {
                collectVariableUsages(item, type: itemType, hasLocationDefault: false, oneOfParent: nil)
            }
        case .object(let fields, _):
            var inputObject: InputObjectType?
            if let type, case .inputObject(let o) = schema.namedType(type) { inputObject = o }
            for field in fields {
                let definition = inputObject?.field(named: field.name.value)
                collectVariableUsages(
                    field.value, type: definition?.type,
                    hasLocationDefault: definition?.defaultValue != nil,
                    oneOfParent: inputObject?.isOneOf == true ? type?.namedIndex : nil)
            }
        default:
            break
        }
    }
}
