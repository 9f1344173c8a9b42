/// Static cost and depth of an operation, computed before execution in the manner of
/// GitHub's and Shopify's APIs: an object costs 1, a leaf 0, a list or connection field
/// multiplies what it selects by its page size (`first`/`last`, or the `@listSize`
/// slicing arguments), and an abstract selection costs its most expensive possible type.
public struct QueryCost: Sendable, Equatable {
    /// The cost the rate limiter charges before running the operation.
    public let requested: Int
    /// The deepest nesting of fields (the root fields are depth 1).
    public let depth: Int

    /// A cost from its figures.
    public init(requested: Int, depth: Int) {
        self.requested = requested
        self.depth = depth
    }
}

/// Settings of the cost analysis.
public struct CostOptions: Sendable {
    /// Page size assumed for list fields without a slicing argument.
    public var defaultListSize: Int
    /// Arguments whose value is a page size, when a field has no `@listSize`.
    public var slicingArguments: [String]

    /// Options with a default page size for plain lists and the slicing argument names.
    public init(defaultListSize: Int = 1, slicingArguments: [String] = ["first", "last"]) {
        self.defaultListSize = defaultListSize
        self.slicingArguments = slicingArguments
    }
}

/// Computes `QueryCost` for one operation of a validated document.
public struct CostAnalyzer: Sendable {
    public let schema: GraphQLSchema
    public let options: CostOptions

    /// An analyzer for operations against `schema`.
    public init(schema: GraphQLSchema, options: CostOptions = CostOptions()) {
        self.schema = schema
        self.options = options
    }

    /// The cost of `operation`, with variables resolving page sizes; saturates at Int.max.
    public func cost(of operation: OperationDefinition, in document: Document, variables: GraphQLObject = [:]) -> QueryCost {
        guard let root = schema.rootType(for: operation.operation) else { return QueryCost(requested: 0, depth: 0) }
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let f) in document.definitions where fragments[f.name.value] == nil {
            fragments[f.name.value] = f
        }
        var walk = CostWalk(analyzer: self, fragments: fragments, variables: variables)
        let (cost, depth) = walk.selectionCost([operation.selectionSet], parentType: root, depth: 0)
        return QueryCost(requested: cost, depth: depth)
    }
}

private struct CostWalk {
    let analyzer: CostAnalyzer
    let fragments: [String: FragmentDefinition]
    let variables: GraphQLObject
    /// Fragments on the current path, so a cyclic (invalid) document cannot loop.
    var activeFragments: Set<String> = []

    var schema: GraphQLSchema { analyzer.schema }

    /// Cost and depth of selections on `parentType`; abstract types take their dearest member.
    mutating func selectionCost(_ selectionSets: [SelectionSet], parentType: Int, depth: Int) -> (Int, Int) {
        if schema.types[parentType].isAbstractType {
            var best = (0, depth)
            for possible in schema.possibleTypes(of: parentType) {
                let result = selectionCostOnType(selectionSets, objectType: possible, abstractType: parentType, depth: depth)
                best = (max(best.0, result.0), max(best.1, result.1))
            }
            return best
        }
        return selectionCostOnType(selectionSets, objectType: parentType, abstractType: nil, depth: depth)
    }

    private mutating func selectionCostOnType(_ selectionSets: [SelectionSet], objectType: Int, abstractType: Int?, depth: Int) -> (Int, Int) {
        var total = 0
        var deepest = depth
        for selectionSet in selectionSets {
            for selection in selectionSet.selections {
                switch selection {
                case .field(let field):
                    let (cost, d) = fieldCost(field, parentType: objectType, depth: depth + 1)
                    total = saturatingAdd(total, cost)
                    deepest = max(deepest, d)
                case .inlineFragment(let fragment):
                    if let condition = fragment.typeCondition, !applies(condition.name.value, objectType, abstractType) { continue }
                    let (cost, d) = selectionCostOnType([fragment.selectionSet], objectType: objectType, abstractType: abstractType, depth: depth)
                    total = saturatingAdd(total, cost)
                    deepest = max(deepest, d)
                case .fragmentSpread(let spread):
                    let name = spread.name.value
                    guard let fragment = fragments[name], !activeFragments.contains(name),
                        applies(fragment.typeCondition.name.value, objectType, abstractType)
                    else { continue }
                    activeFragments.insert(name)
                    let (cost, d) = selectionCostOnType([fragment.selectionSet], objectType: objectType, abstractType: abstractType, depth: depth)
                    activeFragments.remove(name)
                    total = saturatingAdd(total, cost)
                    deepest = max(deepest, d)
                }
            }
        }
        return (total, deepest)
    }

    private func applies(_ condition: String, _ objectType: Int, _ abstractType: Int?) -> Bool {
        guard let index = schema.typeIndex(named: condition) else { return false }
        return index == objectType || index == abstractType || schema.isSubType(index, objectType)
    }

    private mutating func fieldCost(_ field: Field, parentType: Int, depth: Int) -> (Int, Int) {
        guard field.name.value != "__typename",
            let definition = schema.fieldDefinition(field.name.value, on: parentType)
        else { return (0, depth - 1) }
        let named = definition.type.namedIndex
        let weight = explicitWeight(definition) ?? (schema.types[named].isCompositeType ? 1 : 0)
        guard let selectionSet = field.selectionSet, schema.types[named].isCompositeType else {
            return (weight, depth)
        }
        let (childCost, childDepth) = selectionCost([selectionSet], parentType: named, depth: depth)
        let multiplier = pageSize(field, definition)
        return (saturatingAdd(weight, saturatingMultiply(childCost, multiplier)), childDepth)
    }

    /// `@cost(weight: N)` on the field definition, when the schema uses it.
    private func explicitWeight(_ definition: FieldDefinitionModel) -> Int? {
        guard let directive = definition.directives.first(where: { $0.name.value == "cost" }),
            let argument = directive.arguments.first(where: { $0.name.value == "weight" }),
            case .int(let text, _) = argument.value
        else { return nil }
        return Int(text)
    }

    /// The page size a field asks for: a slicing argument's value, `@listSize(assumedSize:)`,
    /// the default list size for plain lists, or 1.
    private func pageSize(_ field: Field, _ definition: FieldDefinitionModel) -> Int {
        var slicing = analyzer.options.slicingArguments
        var assumed: Int?
        if let listSize = definition.directives.first(where: { $0.name.value == "listSize" }) {
            for argument in listSize.arguments {
                if argument.name.value == "assumedSize", case .int(let text, _) = argument.value { assumed = Int(text) }
                if argument.name.value == "slicingArguments", case .list(let names, _) = argument.value {
                    slicing = names.compactMap { if case .string(let s) = $0 { return s.value } else { return nil } }
                }
            }
        }
        var largest: Int?
        for argument in field.arguments where slicing.contains(argument.name.value) {
            var value: Int?
            switch argument.value {
            case .int(let text, _): value = Int(text)
            case .variable(let v): if case .int(let i)? = variables[v.name.value] { value = i }
            default: break
            }
            if let value { largest = max(largest ?? 0, max(0, value)) }
        }
        if let largest { return largest }
        if definition.arguments.contains(where: { slicing.contains($0.name) }) {
            // A slicing argument left out: its default, if any, else the assumed size.
            for argument in definition.arguments where slicing.contains(argument.name) {
                if case .int(let text, _)? = argument.defaultValue, let value = Int(text) { return value }
            }
        }
        if let assumed { return assumed }
        if definition.type.listItem != nil { return analyzer.options.defaultListSize }
        return 1
    }
}

private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
}

private func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? .max : product
}
