import GraphQLEngine
import Testing

/// An application error type, as a domain module would define it.
struct OutOfStock: GraphQLErrorConvertible {
    let item: String
    var graphQLError: GraphQLError { GraphQLError("\(item) is out of stock.", extensions: ["code": "NOT_FOUND"]) }
}

@Suite struct ErrorConvertibleTests {
    @Test func aConvertibleErrorKeepsItsMessageAndCodeAndGetsPathAndLocation() async throws {
        let schema = try buildSchema("type Query { item: String, other: Int }")
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "item") { _ in throw OutOfStock(item: "Tea") }
        builder.resolve("Query", "other") { _ in .int(1) }
        let result = await execute(schema: try builder.build(), document: try parse("{ item other }"))
        #expect(result.data == ["item": .null, "other": 1])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message == "Tea is out of stock.")
        #expect(result.errors.first?.extensions["code"] == "NOT_FOUND")
        #expect(result.errors.first?.path == [.key("item")])
        #expect(result.errors.first?.locations.first?.column == 3)
    }
}
