/// Spec 5.2.1.1 Operation Name Uniqueness.
final class UniqueOperationNamesRule: ValidationRule {
    private var known: [String: Location] = [:]

    func enterOperation(_ node: OperationDefinition, _ context: ValidationContext) {
        guard let name = node.name else { return }
        if let previous = known[name.value] {
            context.report("There can be only one operation named \"\(name.value)\".", [previous, name.loc])
        } else {
            known[name.value] = name.loc
        }
    }
}
