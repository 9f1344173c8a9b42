@testable import GraphQLEngine
import Testing

@Suite struct ArgumentRulesTests {
    @Test func knownArgumentNames() throws {
        #expect(try errorLocations(KnownArgumentNamesRule(), "{ dog { doesKnowCommand(dogCommand: SIT) @skip(if: false) } }").isEmpty)
        #expect(try errorLocations(KnownArgumentNamesRule(), "{ dog { doesKnowCommand(command: SIT) name @skip(iff: true) } }")
            == [["1:25"], ["1:50"]])
        #expect(try errorMessages(KnownArgumentNamesRule(), "{ dog { name @skip(iff: true) } }")
            == ["Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"?"])
        // Arguments of unknown directives are KnownDirectives' business, not this rule's.
        #expect(try errorLocations(KnownArgumentNamesRule(), "{ dog { name @nope(x: 1) } }").isEmpty)
    }

    @Test func uniqueArgumentNames() throws {
        #expect(try errorLocations(UniqueArgumentNamesRule(), "{ dog { isAtLocation(x: 1, y: 2) } }").isEmpty)
        #expect(try errorLocations(UniqueArgumentNamesRule(), "{ dog { isAtLocation(x: 1, x: 2, x: 3) @skip(if: true, if: false) } }")
            == [["1:22", "1:28", "1:34"], ["1:46", "1:56"]])
    }

    @Test func providedRequiredArguments() throws {
        #expect(try errorLocations(ProvidedRequiredArgumentsRule(), "{ complicatedArgs { multipleReqs(req1: 1, req2: 2) nonNullFieldWithDefault multipleOpts } }").isEmpty)
        #expect(try errorLocations(ProvidedRequiredArgumentsRule(), "{ complicatedArgs { multipleReqs(req1: 1) } dog @include { name } }")
            == [["1:21"], ["1:49"]])
    }
}
