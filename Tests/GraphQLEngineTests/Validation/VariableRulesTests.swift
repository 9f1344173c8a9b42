@testable import GraphQLEngine
import Testing

@Suite struct VariableRulesTests {
    @Test func uniqueVariableNames() throws {
        #expect(try errorLocations(UniqueVariableNamesRule(), "query A($x: Int, $y: Int) { dog { name } }").isEmpty)
        #expect(try errorLocations(UniqueVariableNamesRule(), "query A($x: Int, $x: String, $x: Int) { dog { name } }")
            == [["1:10", "1:19", "1:31"]])
    }

    @Test func variablesAreInputTypes() throws {
        #expect(try errorLocations(VariablesAreInputTypesRule(), "query A($a: String, $b: [FurColor!]!, $c: ComplexInput) { dog { name } }").isEmpty)
        #expect(try errorLocations(VariablesAreInputTypesRule(), "query A($a: Dog, $b: [[CatOrDog!]]!) { dog { name } }")
            == [["1:13"], ["1:22"]])
    }

    @Test func noUndefinedVariablesFollowsFragments() throws {
        let valid = "query A($a: Boolean) { dog { ...F } } fragment F on Dog { name(surname: $a) }"
        #expect(try errorLocations(NoUndefinedVariablesRule(), valid).isEmpty)
        let invalid = "query A { dog { ...F } } fragment F on Dog { name(surname: $a) }"
        #expect(try errorLocations(NoUndefinedVariablesRule(), invalid) == [["1:60", "1:1"]])
        #expect(try errorMessages(NoUndefinedVariablesRule(), invalid) == ["Variable \"$a\" is not defined by operation \"A\"."])
    }

    @Test func noUnusedVariables() throws {
        #expect(try errorLocations(NoUnusedVariablesRule(), "query A($a: Boolean) { dog { ...F } } fragment F on Dog { name(surname: $a) }").isEmpty)
        #expect(try errorLocations(NoUnusedVariablesRule(), "query A($a: Boolean, $b: Int) { dog { name(surname: $a) } }")
            == [["1:22"]])
    }

    @Test func variablesInAllowedPosition() throws {
        let valid = """
            query A($int: Int = 1, $bool: Boolean, $list: [String!]) {
              complicatedArgs {
                nonNullIntArgField(nonNullIntArg: $int)
                nonNullFieldWithDefault(arg: $int)
                stringListArgField(stringListArg: $list)
              }
              dog { name(surname: $bool) }
            }
            """
        #expect(try errorLocations(VariablesInAllowedPositionRule(), valid).isEmpty)
        let invalid = """
            query A($int: Int, $list: [String], $one: String) {
              complicatedArgs {
                nonNullIntArgField(nonNullIntArg: $int)
                stringListNonNullArgField(stringListNonNullArg: $list)
                oneOfArgField(oneOfArg: { stringField: $one })
              }
            }
            """
        #expect(try errorLocations(VariablesInAllowedPositionRule(), invalid)
            == [["1:9", "3:39"], ["1:20", "4:53"], ["1:37", "5:44"]])
    }
}
