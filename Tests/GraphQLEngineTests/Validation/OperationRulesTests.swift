@testable import GraphQLEngine
import Testing

@Suite struct OperationRulesTests {
    @Test func executableDefinitionsRejectsTypeSystemDefinitions() throws {
        #expect(try errorLocations(ExecutableDefinitionsRule(), "query Q { dog { name } } fragment F on Dog { name }").isEmpty)
        #expect(try errorLocations(ExecutableDefinitionsRule(), "{ dog { name } }\ntype Cow { name: String }\nextend type Dog { color: String }")
            == [["2:1"], ["3:1"]])
        #expect(try errorMessages(ExecutableDefinitionsRule(), "{ dog { name } } schema { query: QueryRoot }")
            == ["The \"schema\" definition is not executable."])
    }

    @Test func uniqueOperationNames() throws {
        #expect(try errorLocations(UniqueOperationNamesRule(), "query A { dog { name } } query B { cat { name } }").isEmpty)
        #expect(try errorLocations(UniqueOperationNamesRule(), "query A { dog { name } } mutation A { dog { name } }")
            == [["1:7", "1:35"]])
    }

    @Test func loneAnonymousOperation() throws {
        #expect(try errorLocations(LoneAnonymousOperationRule(), "{ dog { name } }").isEmpty)
        #expect(try errorLocations(LoneAnonymousOperationRule(), "{ dog { name } } query Q { cat { name } }")
            == [["1:1"]])
    }

    @Test func singleFieldSubscriptions() throws {
        #expect(try errorLocations(SingleFieldSubscriptionsRule(), "subscription S { catSubscribe { name } }").isEmpty)
        #expect(try errorLocations(SingleFieldSubscriptionsRule(), "subscription S { catSubscribe { name } dogSubscribe { name } }")
            == [["1:40"]])
        // Fields through fragments count, and introspection fields are refused.
        #expect(try errorLocations(SingleFieldSubscriptionsRule(), "subscription { ...F } fragment F on SubscriptionRoot { catSubscribe { name } __typename }")
            == [["1:78"], ["1:78"]])
        // A field skipped by a literal condition does not count.
        #expect(try errorLocations(SingleFieldSubscriptionsRule(), "subscription { catSubscribe { name } dogSubscribe @skip(if: true) { name } }").isEmpty)
    }

    @Test func knownOperationTypes() throws {
        #expect(try errorLocations(KnownOperationTypesRule(), "subscription { catSubscribe { name } }").isEmpty)
        #expect(try errorMessages(KnownOperationTypesRule(), "mutation M { dog { name } }")
            == ["The mutation operation is not supported by the schema."])
    }
}
