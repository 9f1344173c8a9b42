/// Spec 5.5.1.2 Fragment Spread Type Existence and 5.8.2 (types of variables): every named
/// type in an executable document exists in the schema.
final class KnownTypeNamesRule: ValidationRule {
    func enterVariableDefinition(_ node: VariableDefinition, _ context: ValidationContext) {
        check(node.type.namedType, context)
    }

    func enterFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext) {
        check(node.typeCondition, context)
    }

    func enterInlineFragment(_ node: InlineFragment, _ context: ValidationContext) {
        if let condition = node.typeCondition { check(condition, context) }
    }

    private func check(_ type: NamedType, _ context: ValidationContext) {
        let name = type.name.value
        guard context.schema.typeIndex(named: name) == nil else { return }
        let suggestions = Suggestions.list(name, context.schema.types.map(\.name).filter { !$0.hasPrefix("__") })
        context.report("Unknown type \"\(name)\"." + Suggestions.didYouMean(suggestions), [type.loc])
    }
}
