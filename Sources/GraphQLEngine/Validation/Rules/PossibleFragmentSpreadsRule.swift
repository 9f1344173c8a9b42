/// Spec 5.5.2.3 Fragment Spread Is Possible: the fragment's type can overlap its parent's.
final class PossibleFragmentSpreadsRule: ValidationRule {
    func enterInlineFragment(_ node: InlineFragment, _ context: ValidationContext) {
        guard let condition = node.typeCondition,
            let fragmentType = context.schema.typeIndex(named: condition.name.value),
            context.schema.types[fragmentType].isCompositeType,
            let parentType = context.parentType,
            !context.schema.doTypesOverlap(fragmentType, parentType)
        else { return }
        let schema = context.schema
        context.report(
            "Fragment cannot be spread here as objects of type \"\(schema.types[parentType].name)\" can never be of type \"\(schema.types[fragmentType].name)\".",
            [node.loc])
    }

    func enterFragmentSpread(_ node: FragmentSpread, _ context: ValidationContext) {
        guard let fragment = context.fragments[node.name.value],
            let fragmentType = context.schema.typeIndex(named: fragment.typeCondition.name.value),
            context.schema.types[fragmentType].isCompositeType,
            let parentType = context.parentType,
            !context.schema.doTypesOverlap(fragmentType, parentType)
        else { return }
        let schema = context.schema
        context.report(
            "Fragment \"\(node.name.value)\" cannot be spread here as objects of type \"\(schema.types[parentType].name)\" can never be of type \"\(schema.types[fragmentType].name)\".",
            [node.loc])
    }
}
