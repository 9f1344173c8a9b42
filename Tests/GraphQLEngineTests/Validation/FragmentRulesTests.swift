@testable import GraphQLEngine
import Testing

@Suite struct FragmentRulesTests {
    @Test func uniqueFragmentNames() throws {
        #expect(try errorLocations(UniqueFragmentNamesRule(), "{ dog { ...A ...B } } fragment A on Dog { name } fragment B on Dog { name }").isEmpty)
        #expect(try errorLocations(UniqueFragmentNamesRule(), "{ dog { ...A } } fragment A on Dog { name } fragment A on Dog { barks }")
            == [["1:27", "1:54"]])
    }

    @Test func knownFragmentNames() throws {
        #expect(try errorLocations(KnownFragmentNamesRule(), "{ dog { ...A } } fragment A on Dog { name }").isEmpty)
        #expect(try errorLocations(KnownFragmentNamesRule(), "{ dog { ...Missing } }") == [["1:12"]])
    }

    @Test func noUnusedFragments() throws {
        #expect(try errorLocations(NoUnusedFragmentsRule(), "{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { name }").isEmpty)
        #expect(try errorLocations(NoUnusedFragmentsRule(), "{ dog { name } } fragment A on Dog { ...B } fragment B on Dog { name }")
            == [["1:18"], ["1:45"]])
    }

    @Test func fragmentsOnCompositeTypes() throws {
        #expect(try errorLocations(FragmentsOnCompositeTypesRule(), "{ dog { ... on Pet { name } } } fragment F on CatOrDog { __typename }").isEmpty)
        #expect(try errorLocations(FragmentsOnCompositeTypesRule(), "{ dog { ... on Boolean { x } } } fragment F on FurColor { x }")
            == [["1:16"], ["1:48"]])
    }

    @Test func knownTypeNames() throws {
        #expect(try errorLocations(KnownTypeNamesRule(), "query Q($id: ID) { dog { ... on Pet { name } } }").isEmpty)
        #expect(try errorLocations(KnownTypeNamesRule(), "query Q($a: Jumbo) { dog { ... on Badger { name } } } fragment F on Peat { name }")
            == [["1:13"], ["1:35"], ["1:69"]])
        #expect(try errorMessages(KnownTypeNamesRule(), "fragment F on Peet { name }") == ["Unknown type \"Peet\". Did you mean \"Pet\"?"])
    }

    @Test func possibleFragmentSpreads() throws {
        #expect(try errorLocations(PossibleFragmentSpreadsRule(), "{ pet { ... on Dog { barks } ...C } } fragment C on CatOrDog { __typename }").isEmpty)
        #expect(try errorLocations(PossibleFragmentSpreadsRule(), "{ dog { ... on Cat { meows } ...H } } fragment H on Human { name }")
            == [["1:9"], ["1:30"]])
    }

    @Test func noFragmentCycles() throws {
        #expect(try errorLocations(NoFragmentCyclesRule(), "fragment A on Dog { ...B } fragment B on Dog { name }").isEmpty)
        #expect(try errorLocations(NoFragmentCyclesRule(), "fragment A on Dog { ...A }") == [["1:21"]])
        let messages = try errorMessages(NoFragmentCyclesRule(), "fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { ...A }")
        #expect(messages == ["Cannot spread fragment \"A\" within itself via \"B\", \"C\"."])
        #expect(try errorLocations(NoFragmentCyclesRule(), "fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { ...A }")
            == [["1:21", "1:48", "1:75"]])
    }
}
