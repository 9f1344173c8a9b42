/// Spec 5.8.4 All Variables Used: every defined variable is used, directly or in a fragment.
final class NoUnusedVariablesRule: ValidationRule {
    func leaveDocument(_ context: ValidationContext) {
        var operationIndex = 0
        for case .operation(let operation) in context.document.definitions {
            let used = Set(context.recursiveVariableUsages(of: operationIndex).map(\.variable.name.value))
            for definition in operation.variableDefinitions
            where !used.contains(definition.variable.name.value) {
                let name = definition.variable.name.value
                let message = operation.name.map {
                    "Variable \"$\(name)\" is never used in operation \"\($0.value)\"."
                } ?? "Variable \"$\(name)\" is never used."
                context.report(message, [definition.loc])
            }
            operationIndex += 1
        }
    }
}
