@testable import GraphQLEngine
import Testing

/// Lists of data objects complete as rows of values while every field passes as it is, and switch to the general
/// path at the first item that needs it: the response must be the same either way, errors included.
@Suite struct DataCompletionTests {
    @Test func anItemThatNeedsTheGeneralPathCompletesThereAndTheItemsAfterItToo() async throws {
        let schema = ExecutableSchema(schema: try buildSchema("type Query { items: [Item] } type Item { id: ID! n: Int f: Float name: String }"))
        let items: [GraphQLValue] = [
            ["id": "a", "n": 1, "f": 1.5, "name": "x"],
            ["name": "y", "id": "b", "n": 2],  // keys in another order, `f` absent
            ["id": 3, "n": 3],  // an Int ID serialises as a string: not as it is
            ["id": "d", "n": 3_000_000_000],  // beyond 32 bits: an error, `n` null
            .null,
            ["id": .null],  // null in a non-null field: the item is null
            ["id": "g", "n": 7],
        ]
        let document = try parse("{ items { id n f name } }")
        let result = await execute(schema: schema, document: document, rootValue: GraphQLValue.object(["items": .list(items)]))
        let data = try #require(result.data)
        #expect(JSON.serialize(data) == """
            {"items":[{"id":"a","n":1,"f":1.5,"name":"x"},{"id":"b","n":2,"f":null,"name":"y"},\
            {"id":"3","n":3,"f":null,"name":null},{"id":"d","n":null,"f":null,"name":null},null,null,\
            {"id":"g","n":7,"f":null,"name":null}]}
            """)
        #expect(result.errors.map { $0.path.map { $0.map(\.description) } } == [["items", "3", "n"], ["items", "5", "id"]])
        #expect(result.errors.first?.message.contains("3000000000") == true)
        #expect(result.errors.last?.message == "Cannot return null for non-nullable field Item.id.")
    }

    @Test func aListOfNonNullItemsFailsWholeWhenOneItemFails() async throws {
        let schema = ExecutableSchema(schema: try buildSchema("type Query { items: [Item!] } type Item { id: ID! }"))
        let document = try parse("{ items { id } }")
        let result = await execute(
            schema: schema, document: document, rootValue: GraphQLValue.object(["items": .list([["id": "a"], ["id": .null], ["id": "c"]])]))
        #expect(result.data == ["items": .null])
        #expect(result.errors.map { $0.path.map { $0.map(\.description) } } == [["items", "1", "id"]])
    }
}
