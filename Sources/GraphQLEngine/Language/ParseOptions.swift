/// Protective limits enforced while parsing, so a hostile document is refused after little
/// work. The defaults suit schema files; requests should use `ParseOptions.request`.
public struct ParseOptions: Sendable, Equatable {
    /// Most tokens a document may have.
    public var maxTokens: Int
    /// Deepest nesting of selection sets, list/object values and type wrappers.
    public var maxDepth: Int
    /// Most field selections a document may contain (aliased or not).
    public var maxFields: Int
    /// Most aliased field selections a document may contain.
    public var maxAliases: Int

    /// Makes options; every limit defaults to one that only guards the stack.
    public init(
        maxTokens: Int = .max, maxDepth: Int = 256, maxFields: Int = .max, maxAliases: Int = .max
    ) {
        self.maxTokens = maxTokens
        self.maxDepth = maxDepth
        self.maxFields = maxFields
        self.maxAliases = maxAliases
    }

    /// Limits for client requests: generous for real applications, small for attacks.
    public static let request = ParseOptions(
        maxTokens: 15_000, maxDepth: 64, maxFields: 2_000, maxAliases: 200)
}
