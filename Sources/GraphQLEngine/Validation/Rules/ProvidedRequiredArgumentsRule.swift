/// Spec 5.4.2.1 Required Arguments: non-null arguments without a default must be given
/// (and may not be given `null` — that is ValuesOfCorrectType's error).
final class ProvidedRequiredArgumentsRule: ValidationRule {
    func leaveField(_ node: Field, _ context: ValidationContext) {
        guard let field = context.fieldDefinition else { return }
        for argument in field.arguments where argument.isRequired {
            if node.arguments.contains(where: { $0.name.value == argument.name }) { continue }
            context.report(
                "Field \"\(field.name)\" argument \"\(argument.name)\" of type \"\(context.schema.describe(argument.type))\" is required, but it was not provided.",
                [node.loc])
        }
    }

    func leaveDirective(_ node: Directive, _ context: ValidationContext) {
        guard let directive = context.directive else { return }
        for argument in directive.arguments where argument.isRequired {
            if node.arguments.contains(where: { $0.name.value == argument.name }) { continue }
            context.report(
                "Directive \"@\(directive.name)\" argument \"\(argument.name)\" of type \"\(context.schema.describe(argument.type))\" is required, but it was not provided.",
                [node.loc])
        }
    }
}
