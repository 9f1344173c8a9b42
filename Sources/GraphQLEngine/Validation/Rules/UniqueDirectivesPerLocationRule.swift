/// Spec 5.7.3 Directives Are Unique Per Location, unless declared `repeatable`.
final class UniqueDirectivesPerLocationRule: ValidationRule {
    func enterDirectives(_ nodes: [Directive], location: DirectiveLocation, _ context: ValidationContext) {
        guard nodes.count > 1 else { return }
        var seen: [String: Location] = [:]
        for directive in nodes {
            let name = directive.name.value
            guard let definition = context.schema.directive(named: name), !definition.isRepeatable else {
                continue
            }
            if let previous = seen[name] {
                context.report("The directive \"@\(name)\" can only be used once at this location.", [previous, directive.loc])
            } else {
                seen[name] = directive.loc
            }
        }
    }
}
