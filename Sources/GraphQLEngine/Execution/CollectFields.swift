/// CollectFields (spec 6.3.2): the fields of a selection set for one object type, grouped
/// by response key in document order, honouring `@skip`, `@include` and type conditions.
struct FieldCollector {
    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinition]
    let variables: GraphQLObject
    let source: Source?

    /// Ordered groups of field nodes by response key.
    func collect(_ selectionSets: [SelectionSet], objectType: Int) throws(GraphQLError) -> [(key: String, fields: [Field])] {
        var groups: [(key: String, fields: [Field])] = []
        var indexByKey: [String: Int] = [:]
        var visited: Set<String> = []
        for selectionSet in selectionSets {
            try collect(selectionSet, objectType, &groups, &indexByKey, &visited)
        }
        return groups
    }

    private func collect(
        _ selectionSet: SelectionSet, _ objectType: Int, _ groups: inout [(key: String, fields: [Field])],
        _ indexByKey: inout [String: Int], _ visited: inout Set<String>
    ) throws(GraphQLError) {
        for selection in selectionSet.selections {
            let directives = selection.directives
            if !directives.isEmpty, try !shouldInclude(directives) { continue }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if let index = indexByKey[key] {
                    groups[index].fields.append(field)
                } else {
                    indexByKey[key] = groups.count
                    groups.append((key, [field]))
                }
            case .inlineFragment(let fragment):
                if let condition = fragment.typeCondition, !applies(condition, to: objectType) { continue }
                try collect(fragment.selectionSet, objectType, &groups, &indexByKey, &visited)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name), let fragment = fragments[name] else { continue }
                visited.insert(name)
                guard applies(fragment.typeCondition, to: objectType) else { continue }
                try collect(fragment.selectionSet, objectType, &groups, &indexByKey, &visited)
            }
        }
    }

    /// DoesFragmentTypeApply (spec 6.3.2).
    private func applies(_ condition: NamedType, to objectType: Int) -> Bool {
        guard let index = schema.typeIndex(named: condition.name.value) else { return false }
        return index == objectType || schema.isSubType(index, objectType)
    }

    /// `@skip(if:)` and `@include(if:)`, with their `if` argument coerced like any argument.
    private func shouldInclude(_ directives: [Directive]) throws(GraphQLError) -> Bool {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include" else { continue }
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            let condition: Bool
            switch argument.value {
            case .boolean(let b, _):
                condition = b
            case .variable(let v):
                guard case .bool(let b) = variables[v.name.value] ?? .null else {
                    throw GraphQLError(
                        "Argument \"if\" of non-null type \"Boolean!\" must not be null.",
                        nodes: [argument.value.loc], source: source)
                }
                condition = b
            default:
                continue
            }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }
}
