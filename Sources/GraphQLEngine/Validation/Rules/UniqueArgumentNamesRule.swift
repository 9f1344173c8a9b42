/// Spec 5.4.2 Argument Uniqueness, for fields and directives.
final class UniqueArgumentNamesRule: ValidationRule {
    func enterArguments(_ nodes: [Argument], _ context: ValidationContext) {
        guard nodes.count > 1 else { return }
        var groups: [(name: String, nodes: [Location])] = []
        for argument in nodes {
            if let i = groups.firstIndex(where: { $0.name == argument.name.value }) {
                groups[i].nodes.append(argument.name.loc)
            } else {
                groups.append((argument.name.value, [argument.name.loc]))
            }
        }
        for group in groups where group.nodes.count > 1 {
            context.report("There can be only one argument named \"\(group.name)\".", group.nodes)
        }
    }
}
