/// Spec 5.3.1 Field Selections: a selected field exists on the parent type.
final class FieldsOnCorrectTypeRule: ValidationRule {
    func enterField(_ node: Field, _ context: ValidationContext) {
        guard let parent = context.parentType, context.fieldDefinition == nil else { return }
        let schema = context.schema
        let name = node.name.value
        let parentType = schema.types[parent]
        // Suggest types that have the field first (for abstract parents), then field names.
        var suggestion = ""
        if parentType.isAbstractType {
            let typesWithField = schema.possibleTypes(of: parent)
                .filter { schema.types[$0].fieldsType?.field(named: name) != nil }
                .map { schema.types[$0].name }
            suggestion = Suggestions.didYouMean(typesWithField, subMessage: "to use an inline fragment on")
        }
        if suggestion.isEmpty, let fields = parentType.fieldsType?.fields.map(\.name) {
            suggestion = Suggestions.didYouMean(Suggestions.list(name, fields))
        }
        context.report("Cannot query field \"\(name)\" on type \"\(parentType.name)\"." + suggestion, [node.loc])
    }
}
