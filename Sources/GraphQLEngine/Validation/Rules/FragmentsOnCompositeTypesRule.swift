/// Spec 5.5.1.3 Fragments On Composite Types.
final class FragmentsOnCompositeTypesRule: ValidationRule {
    func enterInlineFragment(_ node: InlineFragment, _ context: ValidationContext) {
        guard let condition = node.typeCondition,
            let type = context.schema.type(named: condition.name.value), !type.isCompositeType
        else { return }
        context.report("Fragment cannot condition on non composite type \"\(type.name)\".", [condition.loc])
    }

    func enterFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext) {
        guard let type = context.schema.type(named: node.typeCondition.name.value),
            !type.isCompositeType
        else { return }
        context.report(
            "Fragment \"\(node.name.value)\" cannot condition on non composite type \"\(type.name)\".",
            [node.typeCondition.loc])
    }
}
