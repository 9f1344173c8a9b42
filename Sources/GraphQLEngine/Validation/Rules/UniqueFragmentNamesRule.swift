/// Spec 5.5.1.1 Fragment Name Uniqueness.
final class UniqueFragmentNamesRule: ValidationRule {
    private var known: [String: Location] = [:]

    func enterFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext) {
        if let previous = known[node.name.value] {
            context.report("There can be only one fragment named \"\(node.name.value)\".", [previous, node.name.loc])
        } else {
            known[node.name.value] = node.name.loc
        }
    }
}
