/// Spec 5.2.2.1 Lone Anonymous Operation: an anonymous operation must be alone.
final class LoneAnonymousOperationRule: ValidationRule {
    private var operationCount = 0

    func enterDocument(_ context: ValidationContext) {
        operationCount = context.document.definitions.reduce(0) { count, definition in
            if case .operation = definition { return count + 1 }
            return count
        }
    }

    func enterOperation(_ node: OperationDefinition, _ context: ValidationContext) {
        if node.name == nil && operationCount > 1 {
            context.report("This anonymous operation must be the only defined operation.", [node.loc])
        }
    }
}
