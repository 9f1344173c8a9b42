/// Spec 5.5.2.3 Fragment Spread Is Possible: the fragment's type can overlap its parent's.
final class PossibleFragmentSpreadsRule: ValidationRule {
    func enterInlineFragment(_ node: InlineFragment, _ context: ValidationContext) {
        guard let condition = node.typeCondition,
            let (fragmentType, parentType) = impossibleSpread(condition.name.value, context)
        else { return }
        context.report(
            "Fragment cannot be spread here as objects of type \"\(parentType)\" can never be of type \"\(fragmentType)\".",
            [node.loc])
    }

    func enterFragmentSpread(_ node: FragmentSpread, _ context: ValidationContext) {
        guard let fragment = context.fragments[node.name.value],
            let (fragmentType, parentType) = impossibleSpread(fragment.typeCondition.name.value, context)
        else { return }
        context.report(
            "Fragment \"\(node.name.value)\" cannot be spread here as objects of type \"\(parentType)\" can never be of type \"\(fragmentType)\".",
            [node.loc])
    }

    /// The names of the fragment's and the parent's types when they cannot overlap.
    private func impossibleSpread(_ typeCondition: String, _ context: ValidationContext) -> (String, String)? {
        let schema = context.schema
        guard let fragmentType = schema.typeIndex(named: typeCondition),
            schema.types[fragmentType].isCompositeType,
            let parentType = context.parentType,
            !schema.doTypesOverlap(fragmentType, parentType)
        else { return nil }
        return (schema.types[fragmentType].name, schema.types[parentType].name)
    }
}
