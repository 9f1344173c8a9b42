/// Spec 5.2.4.1 Single Root Field: a subscription selects exactly one root field, and not
/// an introspection field.
final class SingleFieldSubscriptionsRule: ValidationRule {
    func enterOperation(_ node: OperationDefinition, _ context: ValidationContext) {
        guard node.operation == .subscription,
            let root = context.schema.subscriptionType
        else { return }
        var groups: [(key: String, fields: [Field])] = []
        var visited: Set<String> = []
        collect(node.selectionSet, root, context, &groups, &visited)
        let subject = node.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if groups.count > 1 {
            let extra = groups.dropFirst().flatMap { $0.fields.map(\.loc) }
            context.report("\(subject) must select only one top level field.", extra)
        }
        for group in groups where group.fields[0].name.value.hasPrefix("__") {
            context.report("\(subject) must not select an introspection top level field.", group.fields.map(\.loc))
        }
    }

    /// CollectFields for the root selection set; `@skip`/`@include` with literal conditions
    /// are honoured, and conditions on variables count as included (no values exist yet).
    private func collect(
        _ selectionSet: SelectionSet, _ root: Int, _ context: ValidationContext,
        _ groups: inout [(key: String, fields: [Field])], _ visited: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            guard isIncluded(selection.directives) else { continue }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if let i = groups.firstIndex(where: { $0.key == key }) {
                    groups[i].fields.append(field)
                } else {
                    groups.append((key, [field]))
                }
            case .inlineFragment(let fragment):
                if let condition = fragment.typeCondition, !applies(condition, root, context) { continue }
                collect(fragment.selectionSet, root, context, &groups, &visited)
            case .fragmentSpread(let spread):
                guard visited.insert(spread.name.value).inserted,
                    let fragment = context.fragments[spread.name.value],
                    applies(fragment.typeCondition, root, context)
                else { continue }
                collect(fragment.selectionSet, root, context, &groups, &visited)
            }
        }
    }

    private func applies(_ condition: NamedType, _ root: Int, _ context: ValidationContext) -> Bool {
        guard let index = context.schema.typeIndex(named: condition.name.value) else { return false }
        return index == root || context.schema.isSubType(index, root)
    }

    private func isIncluded(_ directives: [Directive]) -> Bool {
        for directive in directives {
            guard let condition = directive.arguments.first(where: { $0.name.value == "if" }),
                case .boolean(let value, _) = condition.value
            else { continue }
            if directive.name.value == "skip" && value { return false }
            if directive.name.value == "include" && !value { return false }
        }
        return true
    }
}
