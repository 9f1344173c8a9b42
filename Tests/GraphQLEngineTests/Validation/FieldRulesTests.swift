@testable import GraphQLEngine
import Testing

@Suite struct FieldRulesTests {
    @Test func fieldsOnCorrectType() throws {
        #expect(try errorLocations(FieldsOnCorrectTypeRule(), "{ dog { name __typename ... on Dog { barks } } __schema { queryType { name } } }").isEmpty)
        #expect(try errorLocations(FieldsOnCorrectTypeRule(), "{ dog { meowVolume } cat { __schema { description } } }")
            == [["1:9"], ["1:28"]])
        let messages = try errorMessages(FieldsOnCorrectTypeRule(), "{ pet { barks } dog { nam } }")
        #expect(messages == [
            "Cannot query field \"barks\" on type \"Pet\". Did you mean to use an inline fragment on \"Dog\"?",
            "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?",
        ])
    }

    @Test func scalarLeafs() throws {
        #expect(try errorLocations(ScalarLeafsRule(), "{ dog { name barks } }").isEmpty)
        #expect(try errorLocations(ScalarLeafsRule(), "{ dog }") == [["1:3"]])
        #expect(try errorLocations(ScalarLeafsRule(), "{ dog { barks { sinceWhen } } }") == [["1:15"]])
        #expect(try errorLocations(ScalarLeafsRule(), "{ human { relatives } }") == [["1:11"]])
    }
}

@Suite struct RepeatedFieldTests {
    @Test func identicalLeafSelectionsNeverConflictAndMixedOnesStillDo() throws {
        let many = "{ dog { " + String(repeating: "name ", count: 500) + "} }"
        #expect(try errorLocations(OverlappingFieldsCanBeMergedRule(), many).isEmpty)
        // Two identical selections and a different one under the same key: each pair with
        // the odd one out conflicts, as graphql-js reports it.
        #expect(try errorLocations(OverlappingFieldsCanBeMergedRule(), "{ dog { x: name x: name x: nickname } }")
            == [["1:9", "1:25"], ["1:17", "1:25"]])
    }
}
