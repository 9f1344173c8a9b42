/// Spec 5.3.3 Leaf Field Selections: leaves have no selection set, composites need one.
final class ScalarLeafsRule: ValidationRule {
    func enterField(_ node: Field, _ context: ValidationContext) {
        guard let type = context.type else { return }
        let named = context.schema.namedType(type)
        let typeName = context.schema.describe(type)
        if named.isLeafType {
            if let selectionSet = node.selectionSet {
                context.report(
                    "Field \"\(node.name.value)\" must not have a selection since type \"\(typeName)\" has no subfields.",
                    [selectionSet.loc])
            }
        } else if node.selectionSet == nil {
            context.report(
                "Field \"\(node.name.value)\" of type \"\(typeName)\" must have a selection of subfields. Did you mean \"\(node.name.value) { ... }\"?",
                [node.loc])
        }
    }
}
