/// What rules see while the validator walks a document: the schema, the document, the type
/// information of the current position (graphql-js's TypeInfo), and where errors go.
public final class ValidationContext {
    public let schema: GraphQLSchema
    public let document: Document
    /// The first definition of each fragment name.
    public let fragments: [String: FragmentDefinition]
    public private(set) var errors: [GraphQLError] = []

    // Type information of the current position, maintained by the validator.
    var typeStack: [TypeRef?] = []
    var parentTypeStack: [Int?] = []
    var fieldDefinitionStack: [FieldDefinitionModel?] = []
    /// The directive whose arguments are being visited, as written.
    public internal(set) var directiveNode: Directive?
    /// The schema's definition of that directive, if it has one.
    public internal(set) var directive: DirectiveModel?
    /// The argument definition of the argument being visited.
    public internal(set) var argument: InputValueModel?
    /// The input type expected at the argument being visited.
    public internal(set) var inputType: TypeRef?

    /// Variable usages of each executable definition, keyed by `DefinitionKey`.
    var variableUsages: [DefinitionKey: [VariableUsage]] = [:]
    /// Fragment spreads directly inside each executable definition, in document order.
    var spreads: [DefinitionKey: [FragmentSpread]] = [:]
    var currentDefinition: DefinitionKey = .operation(0)
    let maxErrors: Int
    /// Literal parsers of custom scalars by name; a custom scalar without one accepts any literal.
    let customScalars: [String: ScalarCoercion]

    init(schema: GraphQLSchema, document: Document, maxErrors: Int, customScalars: [String: ScalarCoercion] = [:]) {
        self.schema = schema
        self.customScalars = customScalars
        self.document = document
        self.maxErrors = maxErrors
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let f) in document.definitions where fragments[f.name.value] == nil {
            fragments[f.name.value] = f
        }
        self.fragments = fragments
    }

    /// Records an error located at the starts of `nodes`.
    public func report(_ message: String, _ nodes: [Location]) {
        guard errors.count < maxErrors else { return }
        errors.append(GraphQLError(message, nodes: nodes, source: document.source))
        if errors.count == maxErrors {
            errors.append(GraphQLError("Too many validation errors, error limit reached. Validation aborted."))
        }
    }

    var isAborted: Bool { errors.count > maxErrors }

    /// The output type of the current field or fragment, if known.
    public var type: TypeRef? { typeStack.last ?? nil }
    /// The composite type whose selection set holds the current position.
    public var parentType: Int? { parentTypeStack.last ?? nil }
    /// The definition of the current field, if known.
    public var fieldDefinition: FieldDefinitionModel? { fieldDefinitionStack.last ?? nil }

    /// The field definition of `name` on a composite type, including `__typename` on every
    /// composite type and `__schema`/`__type` on the query root (spec 4.1, 4.2).
    public func fieldDefinition(_ name: String, on parentType: Int) -> FieldDefinitionModel? {
        schema.fieldDefinition(name, on: parentType)
    }

    /// Fragment spreads of one operation, followed through fragments (each once), in order.
    public func recursivelyReferencedFragments(of operationIndex: Int) -> [FragmentDefinition] {
        var collected: [FragmentDefinition] = []
        var seen: Set<String> = []
        var stack = (spreads[.operation(operationIndex)] ?? []).reversed().map(\.name.value)
        while let name = stack.popLast() {
            guard seen.insert(name).inserted, let fragment = fragments[name] else { continue }
            collected.append(fragment)
            stack.append(contentsOf: (spreads[.fragment(name)] ?? []).reversed().map(\.name.value))
        }
        return collected
    }

    /// Variable usages of an operation and of every fragment it reaches.
    public func recursiveVariableUsages(of operationIndex: Int) -> [VariableUsage] {
        var usages = variableUsages[.operation(operationIndex)] ?? []
        for fragment in recursivelyReferencedFragments(of: operationIndex) {
            usages += variableUsages[.fragment(fragment.name.value)] ?? []
        }
        return usages
    }

}

/// Identifies an executable definition: an operation by its position among operations,
/// or a fragment by name.
public enum DefinitionKey: Hashable, Sendable {
    case operation(Int)
    case fragment(String)
}
