/// Spec 5.8.3 All Variable Uses Defined: through fragments too, so checked once the whole
/// document has been seen.
final class NoUndefinedVariablesRule: ValidationRule {
    func leaveDocument(_ context: ValidationContext) {
        var operationIndex = 0
        for case .operation(let operation) in context.document.definitions {
            let defined = Set(operation.variableDefinitions.map(\.variable.name.value))
            for usage in context.recursiveVariableUsages(of: operationIndex)
            where !defined.contains(usage.variable.name.value) {
                let name = usage.variable.name.value
                let message = operation.name.map {
                    "Variable \"$\(name)\" is not defined by operation \"\($0.value)\"."
                } ?? "Variable \"$\(name)\" is not defined."
                context.report(message, [usage.variable.loc, operation.loc])
            }
            operationIndex += 1
        }
    }
}
