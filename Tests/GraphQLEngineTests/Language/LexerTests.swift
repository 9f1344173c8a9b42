@testable import GraphQLEngine
import Testing

@Suite struct LexerTests {
    /// The value of the single string argument in `{ f(a: <literal>) }`.
    func stringValue(_ literal: String) throws -> String {
        let document = try parse("{ f(a: \(literal)) }")
        guard case .operation(let op) = document.definitions[0],
            case .field(let field) = op.selectionSet.selections[0],
            case .string(let s) = field.arguments[0].value
        else {
            Issue.record("no string argument in \(literal)")
            return ""
        }
        return s.value
    }

    func syntaxError(_ source: String) -> GraphQLError? {
        do {
            _ = try parse(source)
            return nil
        } catch {
            return error
        }
    }

    @Test func escapesIncludingBracedAndSurrogatePairs() throws {
        #expect(try stringValue(#""a\"b\\c\/d\b\f\n\r\t""#) == "a\"b\\c/d\u{8}\u{C}\n\r\t")
        #expect(try stringValue(#""\u00e9\u{1F600}\uD83D\uDE00""#) == "é😀😀")
        #expect(try stringValue("\"raw é 😀\"") == "raw é 😀")
    }

    @Test func rejectsBadEscapesWithTheirPosition() {
        let lone = syntaxError(#"{ f(a: "\uD83D") }"#)
        #expect(lone?.message == #"Syntax Error: Invalid Unicode escape sequence: "\uD83D"."#)
        #expect(lone?.locations == [SourceLocation(line: 1, column: 9)])
        #expect(syntaxError(#"{ f(a: "\x") }"#)?.message == #"Syntax Error: Invalid character escape sequence: "\x"."#)
        #expect(syntaxError(#"{ f(a: "\u{110000}") }"#) != nil)
        #expect(syntaxError("{ f(a: \"open\n\") }")?.locations == [SourceLocation(line: 1, column: 13)])
    }

    @Test func blockStringsAreDedented() throws {
        let literal = "\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\""
        #expect(try stringValue(literal) == "Hello,\n  World!\n\nYours,\n  GraphQL.")
        #expect(try stringValue(#""""contains \""" quote""""#) == #"contains """ quote"#)
        #expect(try stringValue("\"\"\"  first\n  second\"\"\"") == "  first\nsecond")
    }

    @Test func numbers() throws {
        #expect(syntaxError("{ f(a: 01) }")?.message == #"Syntax Error: Invalid number, unexpected digit after 0: "1"."#)
        #expect(syntaxError("{ f(a: 1.) }")?.message == #"Syntax Error: Invalid number, expected digit but got: ")"."#)
        #expect(syntaxError("{ f(a: 1x) }")?.locations == [SourceLocation(line: 1, column: 9)])
        #expect(syntaxError("{ f(a: -1.5e+10) }") == nil)
    }

    @Test func ignoredTokensAndLineCounting() {
        // BOM, commas, comments and each kind of line terminator.
        let error = syntaxError("\u{FEFF}# comment\r\n{ a,,\r b\n ? }")
        #expect(error?.message == #"Syntax Error: Unexpected character: "?"."#)
        #expect(error?.locations == [SourceLocation(line: 4, column: 2)])
        // A BOM occupies column 1, as graphql-core counts.
        #expect(syntaxError("\u{FEFF}?")?.locations == [SourceLocation(line: 1, column: 2)])
        // Columns count code points, not bytes.
        #expect(syntaxError("{ f(a: \"é\") ? }")?.locations == [SourceLocation(line: 1, column: 13)])
    }

    @Test func controlCharactersAreSourceCharactersInStrings() throws {
        #expect(try stringValue("\"tab\u{7}bell\"") == "tab\u{7}bell")
        #expect(syntaxError("{ a \u{7} }")?.message == "Syntax Error: Invalid character: U+0007.")
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        let bytes: [UInt8] = Array("{ f(a: \"".utf8) + [0xFF, 0xFE] + Array("\") }".utf8)
        #expect(throws: GraphQLError.self) { try parse(Source(bytes: bytes)) }
    }
}
