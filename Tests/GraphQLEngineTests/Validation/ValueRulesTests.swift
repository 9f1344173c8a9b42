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

    /// graphql-js judges a custom scalar's literal with its parseLiteral during validation; so do we when the scalar's
    /// coercion is given, and a scalar without one accepts any literal.
    @Test func customScalarLiteralsAreJudgedByTheirParser() throws {
        let schema = try buildSchema("scalar Day type Query { on(day: Day): Boolean list(days: [Day!]): Boolean }")
        let day = ScalarCoercion(
            serialize: { $0 }, parseValue: { $0 },
            parseLiteral: { literal throws(GraphQLError) -> GraphQLValue in
                guard case .string(let text) = literal, text.value.count == 10 else { throw GraphQLError("Day must be YYYY-MM-DD.") }
                return .string(text.value)
            })
        func errors(_ query: String, _ scalars: [String: ScalarCoercion]) throws -> [String] {
            validate(schema: schema, document: try parse(query), customScalars: scalars).map(\.message)
        }
        #expect(try errors(#"{ on(day: "2026-11-22") list(days: ["2026-11-22"]) }"#, ["Day": day]).isEmpty)
        #expect(try errors("{ on(day: TODAY) }", ["Day": day]) == [#"Expected value of type "Day", found TODAY; Day must be YYYY-MM-DD."#])
        #expect(try errors(#"{ list(days: ["2026-11-22", 5]) }"#, ["Day": day]) == [#"Expected value of type "Day!", found 5; Day must be YYYY-MM-DD."#])
        #expect(try errors("{ on(day: TODAY) }", [:]).isEmpty)
    }
}
