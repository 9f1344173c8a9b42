/// Spec 5.6.3 Input Object Field Uniqueness, at every depth of a value.
final class UniqueInputFieldNamesRule: ValidationRule {
    func enterInputValue(_ node: Value, type: TypeRef?, _ context: ValidationContext) {
        check(node, context)
    }

    private func check(_ value: Value, _ context: ValidationContext) {
        switch value {
        case .list(let items, _):
            for item in items { check(item, context) }
        case .object(let fields, _):
            var known: [String: Location] = [:]
            for field in fields {
                if let previous = known[field.name.value] {
                    context.report("There can be only one input field named \"\(field.name.value)\".", [previous, field.name.loc])
                } else {
                    known[field.name.value] = field.name.loc
                }
                check(field.value, context)
            }
        default:
            break
        }
    }
}
