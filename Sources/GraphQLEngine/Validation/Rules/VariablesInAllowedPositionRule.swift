/// Spec 5.8.5 All Variable Usages Are Allowed: a variable's type fits every position it is
/// used in (a nullable variable may fill a non-null position only with a default), and a
/// variable filling a `@oneOf` field must be non-null.
final class VariablesInAllowedPositionRule: ValidationRule {
    func leaveDocument(_ context: ValidationContext) {
        let schema = context.schema
        var operationIndex = 0
        for case .operation(let operation) in context.document.definitions {
            defer { operationIndex += 1 }
            var definitions: [String: VariableDefinition] = [:]
            for definition in operation.variableDefinitions where definitions[definition.variable.name.value] == nil {
                definitions[definition.variable.name.value] = definition
            }
            for usage in context.recursiveVariableUsages(of: operationIndex) {
                let name = usage.variable.name.value
                guard let definition = definitions[name],
                    let variableType = schema.typeRef(from: definition.type)
                else { continue }
                if let locationType = usage.type,
                    !isAllowed(variableType, definition.defaultValue, locationType, usage.hasLocationDefault, schema)
                {
                    context.report(
                        "Variable \"$\(name)\" of type \"\(schema.describe(variableType))\" used in position expecting type \"\(schema.describe(locationType))\".",
                        [definition.loc, usage.variable.loc])
                } else if let oneOf = usage.oneOfParent, !variableType.isNonNull {
                    context.report(
                        "Variable \"$\(name)\" is of type \"\(schema.describe(variableType))\" but must be non-nullable to be used for OneOf Input Object \"\(schema.types[oneOf].name)\".",
                        [definition.loc, usage.variable.loc])
                }
            }
        }
    }

    /// graphql-js's allowedVariableUsage (spec IsVariableUsageAllowed).
    private func isAllowed(
        _ variableType: TypeRef, _ variableDefault: Value?, _ locationType: TypeRef,
        _ hasLocationDefault: Bool, _ schema: GraphQLSchema
    ) -> Bool {
        if case .nonNull(let inner) = locationType, !variableType.isNonNull {
            var hasNonNullDefault = false
            if let variableDefault, case .null = variableDefault {} else if variableDefault != nil {
                hasNonNullDefault = true
            }
            guard hasNonNullDefault || hasLocationDefault else { return false }
            return schema.isTypeSubType(variableType, of: inner)
        }
        return schema.isTypeSubType(variableType, of: locationType)
    }
}
