@testable import GraphQLEngine
import Testing

@Suite struct ParserTests {
    func errorOf(_ source: String, _ options: ParseOptions = ParseOptions()) -> GraphQLError? {
        do {
            _ = try parse(source, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test func messagesLikeGraphQLJS() {
        let eof = errorOf("{")
        #expect(eof?.message == "Syntax Error: Expected Name, found <EOF>.")
        #expect(eof?.locations == [SourceLocation(line: 1, column: 2)])
        #expect(errorOf("")?.message == "Syntax Error: Unexpected <EOF>.")
        #expect(errorOf("query Q { a } } ")?.message == #"Syntax Error: Unexpected "}"."#)
        #expect(errorOf("fragment on on T { a }")?.message == #"Syntax Error: Unexpected Name "on"."#)
        #expect(errorOf("{ a(b: $c) }", ParseOptions()) == nil)
        #expect(errorOf("query Q($v: Int = $w) { a }")?.message == #"Syntax Error: Unexpected variable "$w" in constant value."#)
        #expect(errorOf("enum E { true }")?.message == #"Syntax Error: Name "true" is reserved and cannot be used for an enum value."#)
        #expect(errorOf("extend type T")?.message == "Syntax Error: Unexpected <EOF>.")
        #expect(errorOf("directive @d on NOWHERE")?.message == #"Syntax Error: Unexpected Name "NOWHERE"."#)
        #expect(errorOf(#""desc" extend type T { a: Int }"#) != nil)
    }

    @Test func descriptionsOnOperationsFragmentsAndVariables() throws {
        let document = try parse(#""Op" query Q("the id" $id: ID) { a } """Frag""" fragment F on T { b }"#)
        guard case .operation(let op) = document.definitions[0], case .fragment(let fragment) = document.definitions[1] else {
            Issue.record("unexpected definitions")
            return
        }
        #expect(op.description?.value == "Op")
        #expect(op.variableDefinitions[0].description?.value == "the id")
        #expect(fragment.description?.value == "Frag")
        // The shorthand query form has no description.
        #expect(errorOf(#""desc" { a }"#) != nil)
    }

    @Test func kitchenSinkQueryRoundTripsThroughThePrinter() throws {
        let document = try parse(try fixture("kitchen-sink-query.graphql"))
        let printed = printAST(document)
        let reparsed = try parse(printed)
        #expect(reparsed == document)
        #expect(printAST(reparsed) == printed)
    }

    @Test func kitchenSinkSDLRoundTripsThroughThePrinter() throws {
        let document = try parse(try fixture("kitchen-sink-sdl.graphql"))
        let reparsed = try parse(printAST(document))
        #expect(reparsed == document)
        #expect(document.definitions.count > 30)
    }

    @Test func printerLayout() throws {
        let printed = printAST(try parse("query Q($a:Int=1@d){alias:f(x:[1,2],y:{z:\"s\"})@skip(if:$a){...F ...on T{g}}}"))
        #expect(printed == """
            query Q($a: Int = 1 @d) {
              alias: f(x: [1, 2], y: {z: "s"}) @skip(if: $a) {
                ...F
                ... on T {
                  g
                }
              }
            }
            """)
        #expect(printAST(try parse("query { a }")) == "{\n  a\n}")
    }

    @Test func blockStringsPrintBackToTheSameValue() throws {
        for value in ["plain", "two\nlines", "  indented first\nsecond", "ends with quote\"", "has \"\"\" inside", "trailing backslash\\"] {
            let document = try parse("{ f(a: \(Printer.quoted(value))) }")
            var block = document
            if case .operation(var op) = block.definitions[0], case .field(var field) = op.selectionSet.selections[0],
                case .string(var s) = field.arguments[0].value
            {
                s.block = true
                field.arguments[0].value = .string(s)
                op.selectionSet.selections[0] = .field(field)
                block.definitions[0] = .operation(op)
            }
            #expect(try parse(printAST(block)) == document, "value \(value)")
        }
    }

    @Test func protectiveLimits() {
        let limits = ParseOptions(maxTokens: 20, maxDepth: 3, maxFields: 4, maxAliases: 1)
        #expect(errorOf("{ a { b { c { d } } } }", limits)?.message.contains("maximum depth of 3") == true)
        #expect(errorOf("{ a b c d e }", limits)?.message.contains("more than 4 fields") == true)
        #expect(errorOf("{ x: a y: b }", limits)?.message.contains("more than 1 aliases") == true)
        #expect(errorOf("{ a(x: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]) }", limits)?.message.contains("more than 20 tokens") == true)
        #expect(errorOf("{ a { b { c } } }", limits) == nil)
    }

    @Test func deepNestingEndsInAnErrorNotACrash() {
        let deepList = "{ f(a: " + String(repeating: "[", count: 100_000) + ") }"
        #expect(errorOf(deepList)?.message.contains("maximum depth") == true)
        let deepSelections = String(repeating: "{ a ", count: 100_000)
        #expect(errorOf(deepSelections)?.message.contains("maximum depth") == true)
        let deepType = "query Q($a: " + String(repeating: "[", count: 100_000) + "Int) { a }"
        #expect(errorOf(deepType)?.message.contains("maximum depth") == true)
    }
}
