@testable import GraphQLEngine
import Testing

@Suite struct ValueRulesTests {
    @Test func valuesOfCorrectTypeAcceptsGoodLiterals() throws {
        let query = """
            {
              complicatedArgs {
                intArgField(intArg: -2147483648)
                floatArgField(floatArg: 1)
                idArgField(idArg: 1)
                stringListArgField(stringListArg: "one")
                enumArgField(enumArg: TAN)
                complexArgField(complexArg: { requiredField: true, stringListField: ["a", null] })
                oneOfArgField(oneOfArg: { intField: 3 })
              }
            }
            """
        #expect(try errorLocations(ValuesOfCorrectTypeRule(), query).isEmpty)
    }

    @Test func valuesOfCorrectTypeRejectsBadLiterals() throws {
        let query = """
            {
              complicatedArgs {
                intArgField(intArg: 2147483648)
                stringArgField(stringArg: 1)
                booleanArgField(booleanArg: "true")
                enumArgField(enumArg: "TAN")
                nonNullIntArgField(nonNullIntArg: null)
                stringListArgField(stringListArg: ["a", 2])
                complexArgField(complexArg: { stringField: "x", unknownField: 1 })
                oneOfArgField(oneOfArg: { intField: 3, stringField: "a" })
              }
            }
            """
        #expect(try errorLocations(ValuesOfCorrectTypeRule(), query) == [
            ["3:25"], ["4:31"], ["5:33"], ["6:27"], ["7:39"], ["8:45"], ["9:33"], ["9:53"], ["10:29"],
        ])
        #expect(try errorMessages(ValuesOfCorrectTypeRule(), "{ complicatedArgs { enumArgField(enumArg: TANN) } }")
            == ["Value \"TANN\" does not exist in \"FurColor\" enum. Did you mean the enum value \"TAN\"?"])
    }

    @Test func uniqueInputFieldNames() throws {
        #expect(try errorLocations(UniqueInputFieldNamesRule(), "{ dog { isAtLocation(x: 1) } complicatedArgs { complexArgField(complexArg: { intField: 1, stringField: \"a\" }) } }").isEmpty)
        #expect(try errorLocations(UniqueInputFieldNamesRule(), "{ complicatedArgs { complexArgField(complexArg: { intField: 1, intField: 2 }) } }")
            == [["1:51", "1:64"]])
    }
}
