/// Why an SDL document does not make a valid schema: every problem found, each with the
/// locations in the SDL it concerns.
public struct GraphQLSchemaError: Error, Sendable, CustomStringConvertible {
    public let errors: [GraphQLError]

    public init(errors: [GraphQLError]) { self.errors = errors }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
