/// Spec 5.5.2.1 Fragment Spread Target Defined.
final class KnownFragmentNamesRule: ValidationRule {
    func enterFragmentSpread(_ node: FragmentSpread, _ context: ValidationContext) {
        if context.fragments[node.name.value] == nil {
            context.report("Unknown fragment \"\(node.name.value)\".", [node.name.loc])
        }
    }
}
