@testable import GraphQLEngine
import Testing

@Suite struct DirectiveRulesTests {
    @Test func knownDirectives() throws {
        #expect(try errorLocations(KnownDirectivesRule(), "query Q @onQuery { dog @include(if: true) { name @onField } }").isEmpty)
        #expect(try errorLocations(KnownDirectivesRule(), "query Q @onField { dog @unknown { name } }")
            == [["1:9"], ["1:24"]])
        #expect(try errorMessages(KnownDirectivesRule(), "query Q @onField { dog { name } }")
            == ["Directive \"@onField\" may not be used on QUERY."])
    }

    @Test func uniqueDirectivesPerLocation() throws {
        #expect(try errorLocations(UniqueDirectivesPerLocationRule(), "{ dog @repeatable @repeatable @onField { name @onField } }").isEmpty)
        #expect(try errorLocations(UniqueDirectivesPerLocationRule(), "{ dog @onField @onField @onField { name } }")
            == [["1:7", "1:16"], ["1:7", "1:25"]])
    }
}
