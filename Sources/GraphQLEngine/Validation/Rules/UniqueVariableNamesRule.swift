/// Spec 5.8.1 Variable Uniqueness: one definition per variable name in an operation.
final class UniqueVariableNamesRule: ValidationRule {
    func enterOperation(_ node: OperationDefinition, _ context: ValidationContext) {
        var groups: [(name: String, nodes: [Location])] = []
        for definition in node.variableDefinitions {
            let name = definition.variable.name
            if let i = groups.firstIndex(where: { $0.name == name.value }) {
                groups[i].nodes.append(name.loc)
            } else {
                groups.append((name.value, [name.loc]))
            }
        }
        for group in groups where group.nodes.count > 1 {
            context.report("There can be only one variable named \"$\(group.name)\".", group.nodes)
        }
    }
}
