/// Spec 5.2.3 Operation Type Existence (September 2025): the schema must have a root type
/// for the operation's kind.
final class KnownOperationTypesRule: ValidationRule {
    func enterOperation(_ node: OperationDefinition, _ context: ValidationContext) {
        if context.schema.rootType(for: node.operation) == nil {
            context.report("The \(node.operation.rawValue) operation is not supported by the schema.", [node.loc])
        }
    }
}
