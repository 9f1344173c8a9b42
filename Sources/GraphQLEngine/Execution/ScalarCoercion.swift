/// How a custom scalar crosses the boundary (spec 3.5): `serialize` turns a resolved value
/// into its response form, `parseValue` checks a variable's JSON value, `parseLiteral` a
/// literal in the document. Each throws a `GraphQLError` with a message for the client.
public struct ScalarCoercion: Sendable {
    public var serialize: @Sendable (GraphQLValue) throws(GraphQLError) -> GraphQLValue
    public var parseValue: @Sendable (GraphQLValue) throws(GraphQLError) -> GraphQLValue
    public var parseLiteral: @Sendable (Value) throws(GraphQLError) -> GraphQLValue

    /// Makes a coercion from its three hooks.
    public init(
        serialize: @escaping @Sendable (GraphQLValue) throws(GraphQLError) -> GraphQLValue,
        parseValue: @escaping @Sendable (GraphQLValue) throws(GraphQLError) -> GraphQLValue,
        parseLiteral: @escaping @Sendable (Value) throws(GraphQLError) -> GraphQLValue
    ) {
        self.serialize = serialize
        self.parseValue = parseValue
        self.parseLiteral = parseLiteral
    }

    /// Values pass through unchanged; literals become their JSON-like form.
    public static let passThrough = ScalarCoercion(
        serialize: { $0 }, parseValue: { $0 },
        parseLiteral: { (literal: Value) throws(GraphQLError) -> GraphQLValue in try ValueFromAST.untyped(literal) })
}
