/// Spec 5.4.1 Argument Names: every argument is defined by its field or directive.
final class KnownArgumentNamesRule: ValidationRule {
    func enterArgument(_ node: Argument, _ context: ValidationContext) {
        guard context.argument == nil else { return }
        let name = node.name.value
        if let directiveNode = context.directiveNode {
            guard let directive = context.directive else { return }
            let suggestions = Suggestions.list(name, directive.arguments.map(\.name))
            context.report(
                "Unknown argument \"\(name)\" on directive \"@\(directiveNode.name.value)\"." + Suggestions.didYouMean(suggestions),
                [node.loc])
            return
        }
        guard let field = context.fieldDefinition, let parent = context.parentType else { return }
        let suggestions = Suggestions.list(name, field.arguments.map(\.name))
        context.report(
            "Unknown argument \"\(name)\" on field \"\(context.schema.types[parent].name).\(field.name)\"." + Suggestions.didYouMean(suggestions),
            [node.loc])
    }
}
