/// A validation rule of spec section 5. The validator walks a document once and tells every
/// rule what it meets; a rule reports errors through the context. Every method has an empty
/// default, so a rule implements only the events it needs.
public protocol ValidationRule: AnyObject {
    func enterDocument(_ context: ValidationContext)
    func leaveDocument(_ context: ValidationContext)
    func enterOperation(_ node: OperationDefinition, _ context: ValidationContext)
    func leaveOperation(_ node: OperationDefinition, _ context: ValidationContext)
    func enterFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext)
    func leaveFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext)
    /// A type-system definition or extension met in an executable document.
    func enterTypeSystemDefinition(_ node: Definition, _ context: ValidationContext)
    func enterVariableDefinition(_ node: VariableDefinition, _ context: ValidationContext)
    func enterSelectionSet(_ node: SelectionSet, _ context: ValidationContext)
    func enterField(_ node: Field, _ context: ValidationContext)
    func leaveField(_ node: Field, _ context: ValidationContext)
    func enterFragmentSpread(_ node: FragmentSpread, _ context: ValidationContext)
    func enterInlineFragment(_ node: InlineFragment, _ context: ValidationContext)
    /// The directives of one node, with the location that node stands for.
    func enterDirectives(_ nodes: [Directive], location: DirectiveLocation, _ context: ValidationContext)
    func enterDirective(_ node: Directive, location: DirectiveLocation, _ context: ValidationContext)
    func leaveDirective(_ node: Directive, _ context: ValidationContext)
    /// The arguments of one field or directive.
    func enterArguments(_ nodes: [Argument], _ context: ValidationContext)
    /// One argument; the context's `argument` and `inputType` describe what it expects.
    func enterArgument(_ node: Argument, _ context: ValidationContext)
    /// A value in a position of known input type: an argument value or a variable's default.
    func enterInputValue(_ node: Value, type: TypeRef?, _ context: ValidationContext)
    /// A variable used inside a value, with the type and default of the position it is in.
    func enterVariableUsage(_ usage: VariableUsage, _ context: ValidationContext)
}

extension ValidationRule {
    public func enterDocument(_ context: ValidationContext) {}
    public func leaveDocument(_ context: ValidationContext) {}
    public func enterOperation(_ node: OperationDefinition, _ context: ValidationContext) {}
    public func leaveOperation(_ node: OperationDefinition, _ context: ValidationContext) {}
    public func enterFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext) {}
    public func leaveFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext) {}
    public func enterTypeSystemDefinition(_ node: Definition, _ context: ValidationContext) {}
    public func enterVariableDefinition(_ node: VariableDefinition, _ context: ValidationContext) {}
    public func enterSelectionSet(_ node: SelectionSet, _ context: ValidationContext) {}
    public func enterField(_ node: Field, _ context: ValidationContext) {}
    public func leaveField(_ node: Field, _ context: ValidationContext) {}
    public func enterFragmentSpread(_ node: FragmentSpread, _ context: ValidationContext) {}
    public func enterInlineFragment(_ node: InlineFragment, _ context: ValidationContext) {}
    public func enterDirectives(_ nodes: [Directive], location: DirectiveLocation, _ context: ValidationContext) {}
    public func enterDirective(_ node: Directive, location: DirectiveLocation, _ context: ValidationContext) {}
    public func leaveDirective(_ node: Directive, _ context: ValidationContext) {}
    public func enterArguments(_ nodes: [Argument], _ context: ValidationContext) {}
    public func enterArgument(_ node: Argument, _ context: ValidationContext) {}
    public func enterInputValue(_ node: Value, type: TypeRef?, _ context: ValidationContext) {}
    public func enterVariableUsage(_ usage: VariableUsage, _ context: ValidationContext) {}
}

/// A variable used in a value: where, and what the position expects.
public struct VariableUsage: Sendable {
    public let variable: Variable
    /// The input type of the position, when known.
    public let type: TypeRef?
    /// Whether the position (argument or input field) has a default value of its own.
    public let hasLocationDefault: Bool
    /// The `@oneOf` input object whose field this variable directly fills, if any.
    public let oneOfParent: Int?
}
