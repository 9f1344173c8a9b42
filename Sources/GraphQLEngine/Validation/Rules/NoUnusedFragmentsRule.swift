/// Spec 5.5.1.4 Fragments Must Be Used: every fragment is reachable from an operation.
final class NoUnusedFragmentsRule: ValidationRule {
    func leaveDocument(_ context: ValidationContext) {
        var used: Set<String> = []
        var operationIndex = 0
        for definition in context.document.definitions {
            guard case .operation = definition else { continue }
            for fragment in context.recursivelyReferencedFragments(of: operationIndex) {
                used.insert(fragment.name.value)
            }
            operationIndex += 1
        }
        for case .fragment(let fragment) in context.document.definitions
        where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", [fragment.loc])
        }
    }
}
