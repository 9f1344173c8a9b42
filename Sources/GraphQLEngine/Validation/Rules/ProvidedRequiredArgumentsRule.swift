/// Spec 5.4.2.1 Required Arguments: non-null arguments without a default must be given
/// (and may not be given `null` — that is ValuesOfCorrectType's error).
final class ProvidedRequiredArgumentsRule: ValidationRule {
    func leaveField(_ node: Field, _ context: ValidationContext) {
        guard let field = context.fieldDefinition else { return }
        for argument in missing(field.arguments, node.arguments) {
            context.report(
                "Field \"\(field.name)\" argument \"\(argument.name)\" of type \"\(context.schema.describe(argument.type))\" is required, but it was not provided.",
                [node.loc])
        }
    }

    func leaveDirective(_ node: Directive, _ context: ValidationContext) {
        guard let directive = context.directive else { return }
        for argument in missing(directive.arguments, node.arguments) {
            context.report(
                "Directive \"@\(directive.name)\" argument \"\(argument.name)\" of type \"\(context.schema.describe(argument.type))\" is required, but it was not provided.",
                [node.loc])
        }
    }

    private func missing(_ definitions: [InputValueModel], _ given: [Argument]) -> [InputValueModel] {
        definitions.filter { definition in
            definition.isRequired && !given.contains { $0.name.value == definition.name }
        }
    }
}
