// libFuzzer target for the GraphQL parser, printer and validator.
//
// Compiled by scripts/fuzz-parser.sh together with every file of Sources/GraphQLEngine as a
// single module (so there is no `import GraphQLEngine` here): the engine's code is then
// instrumented for coverage and AddressSanitizer just like this file.
//
// A crash is anything libFuzzer sees die: a Swift runtime trap in the engine (index out of
// range, overflow, force unwrap, stack overflow) or one of the `fatalError`s below, which
// turn a broken invariant into a crash so that the fuzzer saves the input.
//
// ENGINE_VALIDATION is defined by the script when the engine has `buildSchema` and `validate`,
// so the parser could be fuzzed before the validator existed.

#if ENGINE_VALIDATION
/// The schema every parsed document is validated against. Small, but it has what the
/// validation rules look at: objects, an interface, a union, an enum, an input object,
/// arguments with defaults, non-null and list wrappers, a custom directive and all three
/// root types, so fuzzed operations reach deep into the rules instead of stopping at
/// "unknown field" on the first selection.
let fuzzSchemaSDL = """
    directive @tag(name: String!) repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY
    interface Node { id: ID! }
    enum Color { RED GREEN BLUE }
    input Filter { color: Color = RED, ids: [ID!], nested: Filter, limit: Int! = 10 }
    type Pet implements Node { id: ID! name: String owner: Person color: Color }
    type Person implements Node {
      id: ID!
      name(upper: Boolean = false): String
      pets(filter: Filter, first: Int): [Pet!]!
      friends: [Person]
      best: SearchResult
      score: Float
    }
    union SearchResult = Pet | Person
    type Query {
      node(id: ID!): Node
      search(text: String!, filter: Filter): [SearchResult!]
      me: Person
      echo(value: String, list: [[Int]], color: Color): String
    }
    type Mutation { rename(id: ID!, name: String!): Person }
    type Subscription { petAdded: Pet }
    """

/// Built once, on first use; a fuzzing process runs millions of inputs against it.
let fuzzSchema: GraphQLSchema = {
    do {
        return try buildSchema(fuzzSchemaSDL)
    } catch {
        fatalError("the fuzz schema does not build: \(error)")
    }
}()
#endif

/// libFuzzer's entry point: called once per generated input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParserTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // Raw bytes, not a String: the lexer works on UTF-8 bytes and must cope with invalid
    // sequences, which `String(decoding:)` would repair before the lexer ever saw them.
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkParse(Source(bytes: bytes, name: "fuzz input"), lineTerminators: lineTerminatorCount(bytes))
    return 0
}

/// Parses `source` (with the default options and with `ParseOptions.request`); when it
/// parses, checks the print round trip and validates it.
func checkParse(_ source: Source, lineTerminators: Int) {
    // The request limits only ever refuse more: whatever parses under them must parse
    // under the defaults too, to the same document.
    let limited = Result { () throws(GraphQLError) -> Document in
        try parse(source, options: .request)
    }
    let document: Document
    do {
        document = try parse(source)
    } catch {
        // A syntax error is the expected outcome for most inputs, but it must point into
        // the document: a location outside it means the lexer lost track of where it is.
        for location in error.locations
        where location.line < 1 || location.column < 1 || location.line > lineTerminators + 1 {
            fatalError("syntax error at impossible location \(location): \(error.message)")
        }
        if case .success = limited {
            fatalError("parses under ParseOptions.request but not the defaults: \(error)")
        }
        return
    }
    if case .success(let limitedDocument) = limited, limitedDocument != document {
        fatalError("ParseOptions.request and the defaults parse different documents")
    }

    // print(parse(print(x))) == print(x): the printer's output must be a document the
    // parser accepts and that means the same thing.
    let printed = printAST(document)
    let reparsed: Document
    do {
        reparsed = try parse(printed)
    } catch {
        fatalError("printAST output does not parse: \(error)\n--- printed ---\n\(printed)")
    }
    let reprinted = printAST(reparsed)
    if reprinted != printed {
        fatalError("print(parse(print(x))) != print(x)\n--- first ---\n\(printed)\n--- second ---\n\(reprinted)")
    }
    // Stronger than the fixed point above: printing must not lose or alter anything, so
    // the printed text parses back to the same AST (locations never take part in AST
    // equality).
    if reparsed != document {
        fatalError("parse(print(x)) != x: the printer loses or changes something\n--- printed ---\n\(printed)")
    }

    #if ENGINE_VALIDATION
    // Any document, executable or not, must validate without trapping.
    let errors = validate(schema: fuzzSchema, document: document)
    for error in errors where error.message.isEmpty {
        fatalError("validation error with an empty message")
    }
    #endif
}

/// Upper bound on the lines of `bytes`: every CR and every LF counted (a CRLF pair is one
/// terminator for GraphQL, so this over-counts it, which is safe for a bound).
func lineTerminatorCount(_ bytes: [UInt8]) -> Int {
    var count = 0
    for byte in bytes where byte == 0x0A || byte == 0x0D {
        count += 1
    }
    return count
}
