/// Spec 5.8.2 Variables Are Input Types.
final class VariablesAreInputTypesRule: ValidationRule {
    func enterVariableDefinition(_ node: VariableDefinition, _ context: ValidationContext) {
        guard let type = context.schema.typeRef(from: node.type),
            !context.schema.namedType(type).isInputType
        else { return }
        context.report(
            "Variable \"$\(node.variable.name.value)\" cannot be non-input type \"\(printType(node.type))\".",
            [node.type.loc])
    }
}
