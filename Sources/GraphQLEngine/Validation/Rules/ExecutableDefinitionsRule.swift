/// Spec 5.1.1 Executable Definitions: a document sent for execution holds only operations
/// and fragments.
final class ExecutableDefinitionsRule: ValidationRule {
    func enterTypeSystemDefinition(_ node: Definition, _ context: ValidationContext) {
        let name: String
        switch node {
        case .schema, .schemaExtension: name = "schema"
        case .type(let t), .typeExtension(let t): name = t.name.value
        case .directive(let d): name = d.name.value
        case .operation, .fragment: return
        }
        context.report("The \"\(name)\" definition is not executable.", [node.loc])
    }
}
