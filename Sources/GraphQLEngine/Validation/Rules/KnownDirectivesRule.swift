/// Spec 5.7.1 Directives Are Defined and 5.7.2 Directives Are In Valid Locations.
final class KnownDirectivesRule: ValidationRule {
    func enterDirective(_ node: Directive, location: DirectiveLocation, _ context: ValidationContext) {
        guard let definition = context.directive else {
            context.report("Unknown directive \"@\(node.name.value)\".", [node.loc])
            return
        }
        if !definition.locations.contains(location) {
            context.report("Directive \"@\(node.name.value)\" may not be used on \(location.rawValue).", [node.loc])
        }
    }
}
