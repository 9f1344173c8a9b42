// Pathological-input check for the GraphQL parser: hostile documents must be parsed or
// refused in time linear in their size, and deep nesting must end in a clean depth-limit
// error rather than a stack overflow.
//
// Compiled by scripts/fuzz-parser.sh together with Sources/GraphQLEngine as one optimised
// module (no sanitizers: the timings should be the engine's). Exit status 1 when a case is
// superlinear or ends differently than expected; a crash is a crash.

import Foundation

/// How a case must end.
enum Expectation {
    /// `parse` returns a document.
    case parses
    /// `parse` throws a GraphQLError whose message contains this text (case-insensitive).
    case fails(containing: String)
}

/// One family of hostile inputs, generated at a size `n` and at `2n`.
struct PathologicalCase: Sendable {
    let name: String
    /// The smaller size; the case also runs at twice this.
    let size: Int
    /// What `size` counts, for the report.
    let unit: String
    let options: ParseOptions
    let expectation: Expectation
    /// Builds the document for a given size.
    let make: @Sendable (Int) -> [UInt8]
}

/// The measured outcome of one case at one size.
struct Timing {
    let seconds: Double
    let outcome: String
    let asExpected: Bool
}

/// Repeats a string's bytes `count` times.
func repeated(_ text: String, _ count: Int) -> [UInt8] {
    let unit = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(unit.count * count)
    for _ in 0..<count { out.append(contentsOf: unit) }
    return out
}

func bytes(_ parts: [UInt8]...) -> [UInt8] { parts.flatMap { $0 } }
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

let cases: [PathologicalCase] = [
    PathologicalCase(
        name: "string literal", size: 1 << 20, unit: "bytes", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(utf8("{ f(a: \""), repeated("a", n), utf8("\") }")) }),
    PathologicalCase(
        name: "string literal of escapes", size: 1 << 20, unit: "bytes", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(utf8("{ f(a: \""), repeated("\\n\\u00e9\\u{1F600}é", n / 20), utf8("\") }")) }),
    PathologicalCase(
        name: "block string", size: 1 << 20, unit: "bytes", options: ParseOptions(),
        expectation: .parses,
        make: { n in
            bytes(utf8("{ f(a: \"\"\"\n"), repeated("      lorem ipsum \\\"\"\" dolor sit amet\n", n / 40), utf8("  \"\"\") }"))
        }),
    PathologicalCase(
        name: "unterminated block string", size: 1 << 20, unit: "bytes", options: ParseOptions(),
        expectation: .fails(containing: "unterminated"),
        make: { n in bytes(utf8("{ f(a: \"\"\""), repeated("\"\" x\n", n / 5)) }),
    PathologicalCase(
        name: "nested lists [[[...", size: 100_000, unit: "levels", options: ParseOptions(),
        expectation: .fails(containing: "depth"),
        make: { n in bytes(utf8("{ f(a: "), repeated("[", n), repeated("]", n), utf8(") }")) }),
    PathologicalCase(
        name: "nested selection sets", size: 100_000, unit: "levels", options: ParseOptions(),
        expectation: .fails(containing: "depth"),
        make: { n in bytes(repeated("{ a ", n), repeated("}", n)) }),
    PathologicalCase(
        name: "nested input objects", size: 100_000, unit: "levels", options: ParseOptions(),
        expectation: .fails(containing: "depth"),
        make: { n in bytes(utf8("{ f(a: "), repeated("{a: ", n), utf8("1"), repeated("}", n), utf8(") }")) }),
    PathologicalCase(
        name: "nested list types", size: 100_000, unit: "levels", options: ParseOptions(),
        expectation: .fails(containing: "depth"),
        make: { n in bytes(utf8("query ($v: "), repeated("[", n), utf8("Int"), repeated("]", n), utf8(") { a }")) }),
    PathologicalCase(
        name: "unclosed nesting {{{... (no closers)", size: 100_000, unit: "levels", options: ParseOptions(),
        expectation: .fails(containing: "depth"),
        make: { n in repeated("{a", n) }),
    PathologicalCase(
        name: "comment lines", size: 100_000, unit: "lines", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(repeated("# a comment line, as long as some real ones are\n", n), utf8("{ a }")) }),
    PathologicalCase(
        name: "many tokens { a a a ... }", size: 1_000_000, unit: "tokens", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(utf8("{ "), repeated("a ", n), utf8("}")) }),
    PathologicalCase(
        name: "many list-value tokens, request limits", size: 1_000_000, unit: "tokens", options: .request,
        expectation: .fails(containing: "token"),
        make: { n in bytes(utf8("{ f(a: ["), repeated("1 ", n), utf8("]) }")) }),
    PathologicalCase(
        name: "aliased fields with arguments", size: 100_000, unit: "fields", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(utf8("{ "), repeated("x: f(a: 1, b: \"s\", c: [1, 2], d: {e: $v}) ", n), utf8("}")) }),
    PathologicalCase(
        name: "many operations", size: 100_000, unit: "operations", options: ParseOptions(),
        expectation: .parses,
        make: { n in repeated("query Q($v: Int = 1) @d { a(v: $v) }\n", n) }),
    PathologicalCase(
        name: "long name", size: 1 << 20, unit: "bytes", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(utf8("{ "), repeated("a", n), utf8(" }")) }),
    PathologicalCase(
        name: "many commas (ignored tokens)", size: 1 << 20, unit: "bytes", options: ParseOptions(),
        expectation: .parses,
        make: { n in bytes(utf8("{ a"), repeated(",", n), utf8(" }")) }),
]

/// Parses `input` `repeats` times and keeps the fastest run, which is the least disturbed
/// by the other processes sharing the machine.
func time(_ input: [UInt8], options: ParseOptions, expectation: Expectation, repeats: Int = 5) -> Timing {
    var best = Double.infinity
    var outcome = ""
    var asExpected = false
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let source = Source(bytes: input, name: "pathological")
        let start = clock.now
        let result = Result { () throws(GraphQLError) -> Document in try parse(source, options: options) }
        let elapsed = start.duration(to: clock.now)
        let (whole, fraction) = elapsed.components
        best = min(best, Double(whole) + Double(fraction) * 1e-18)
        switch (result, expectation) {
        case (.success(let document), .parses):
            outcome = "parsed, \(document.definitions.count) definitions"
            asExpected = true
        case (.success(let document), .fails):
            outcome = "UNEXPECTEDLY parsed, \(document.definitions.count) definitions"
            asExpected = false
        case (.failure(let error), .parses):
            outcome = "UNEXPECTED error: \(error)"
            asExpected = false
        case (.failure(let error), .fails(let text)):
            outcome = "error: \(error)"
            asExpected = error.message.lowercased().contains(text.lowercased()) && !error.locations.isEmpty
            if !asExpected { outcome = "UNEXPECTED " + outcome }
        }
    }
    return Timing(seconds: best, outcome: outcome, asExpected: asExpected)
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

/// Times every case at n and 2n and prints a table; returns whether all were fine.
func runCases() -> Bool {
    var allFine = true
    print("| case | n | t(n) | t(2n) | t(2n)/t(n) | verdict | outcome at 2n |")
    print("| :--- | ---: | ---: | ---: | ---: | :--- | :--- |")
    for testCase in cases {
        let smallInput = testCase.make(testCase.size)
        let largeInput = testCase.make(2 * testCase.size)
        var small = time(smallInput, options: testCase.options, expectation: testCase.expectation)
        var large = time(largeInput, options: testCase.options, expectation: testCase.expectation)
        // On a machine shared with builds one disturbed size can fake a superlinear ratio:
        // before calling it superlinear, measure both sizes again and keep each one's best.
        if large.seconds / small.seconds > 3.0 {
            let smallAgain = time(smallInput, options: testCase.options, expectation: testCase.expectation, repeats: 9)
            let largeAgain = time(largeInput, options: testCase.options, expectation: testCase.expectation, repeats: 9)
            if smallAgain.seconds < small.seconds { small = smallAgain }
            if largeAgain.seconds < large.seconds { large = largeAgain }
        }
        let ratio = large.seconds / small.seconds
        // Below a millisecond, timer and cache noise dominate the ratio; inputs refused at a
        // limit before being read whole finish that fast, which is itself the good outcome.
        let verdict: String
        if large.seconds < 0.001 {
            verdict = "fast (< 1 ms)"
        } else if ratio <= 3.0 {
            verdict = "linear"
        } else {
            verdict = "SUPERLINEAR"
            allFine = false
        }
        if !small.asExpected || !large.asExpected { allFine = false }
        let outcome = large.outcome.count > 110 ? String(large.outcome.prefix(107)) + "..." : large.outcome
        print("| \(testCase.name) | \(testCase.size) \(testCase.unit) | \(milliseconds(small.seconds)) | "
            + "\(milliseconds(large.seconds)) | \(String(format: "%.2f", ratio)) | \(verdict) | \(outcome) |")
        fflush(nil)  // nil: every stream, without touching the global `stdout`
    }
    return allFine
}

/// Documents nested `k` levels deep in each of the ways the depth limit covers.
let deepShapes: [(name: String, make: @Sendable (Int) -> String)] = [
    ("selection sets", { k in String(repeating: "{ a ", count: k) + String(repeating: "}", count: k) }),
    ("lists", { k in "{ a(v: " + String(repeating: "[", count: k) + String(repeating: "]", count: k) + ") }" }),
    ("input objects", { k in "{ a(v: " + String(repeating: "{a: ", count: k) + "1" + String(repeating: "}", count: k) + ") }" }),
    ("list types", { k in "query ($v: " + String(repeating: "[", count: k) + "Int" + String(repeating: "]", count: k) + ") { a }" }),
]

/// Stack sizes tried, smallest first. 512 KiB is the default for secondary threads on
/// macOS; 8 MiB is the Linux default (`ulimit -s`) that main, Dispatch and NIO threads get.
let stackSizesKiB = [128, 256, 512, 1024, 2048, 4096, 8192]

/// The deepest nesting of `shape` that parses with the default options: the limit counts
/// levels in its own way (an operation's selection set is a level too), so search down
/// from the limit plus one.
func deepestAccepted(_ make: (Int) -> String) -> Int? {
    let depth = ParseOptions().maxDepth
    return stride(from: depth + 1, through: max(1, depth - 8), by: -1)
        .first { (try? parse(make($0))) != nil }
}

/// Child-process mode: parses, prints and re-parses (and validates, once the engine has
/// validation) the deepest accepted document of one shape on a thread with `stackKiB` of
/// stack. A stack overflow kills this process, which is why the parent runs it apart.
func runDeepChild(shapeIndex: Int, stackKiB: Int) -> Never {
    let shape = deepShapes[shapeIndex]
    guard let k = deepestAccepted(shape.make) else { exit(3) }
    let text = shape.make(k)
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var succeeded = false
    let thread = Thread {
        do {
            let reparsed = try parse(printAST(try parse(text)))
            #if ENGINE_VALIDATION
            let schema = try buildSchema("type Query { a(v: Int): Int }")
            _ = validate(schema: schema, document: reparsed)
            #else
            _ = reparsed
            #endif
            succeeded = true
        } catch {
            print("\(shape.name): \(error)")
        }
        done.signal()
    }
    thread.stackSize = stackKiB * 1024
    thread.start()
    done.wait()
    exit(succeeded ? 0 : 2)
}

/// For each shape nested as deep as the default limit allows, finds the smallest thread
/// stack on which parse, print, re-parse (and validate) survive, each try in a child
/// process. The depth limit exists to protect the stack, so a document just inside it must
/// survive on the 8 MiB default; needing more than 512 KiB is reported as a warning, since
/// it means such a document can overflow threads created with a smaller stack.
func checkDeepestAcceptedStackNeeds() -> Bool {
    var allFine = true
    print("| shape | deepest accepted (limit \(ParseOptions().maxDepth)) | smallest stack that survives | verdict |")
    print("| :--- | ---: | ---: | :--- |")
    for (index, shape) in deepShapes.enumerated() {
        guard let k = deepestAccepted(shape.make) else {
            print("| \(shape.name) | none parses near the limit | - | FAIL |")
            allFine = false
            continue
        }
        var smallest: Int?
        for kib in stackSizesKiB {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = ["--deep-child", String(index), String(kib)]
            var environment = ProcessInfo.processInfo.environment
            environment["SWIFT_BACKTRACE"] = "enable=no"  // a crash is expected; skip the report
            child.environment = environment
            child.standardError = FileHandle.nullDevice
            do {
                try child.run()
            } catch {
                print("cannot start a child process: \(error)")
                return false
            }
            child.waitUntilExit()
            if child.terminationReason == .exit && child.terminationStatus == 0 {
                smallest = kib
                break
            }
        }
        let verdict: String
        switch smallest {
        case nil: verdict = "FAIL: overflows even 8 MiB"; allFine = false
        case let kib? where kib > 512: verdict = "warning: more than 512 KiB"
        default: verdict = "ok"
        }
        print("| \(shape.name) | \(k) | \(smallest.map { "\($0) KiB" } ?? "> 8192 KiB") | \(verdict) |")
        fflush(nil)  // nil: every stream, without touching the global `stdout`
    }
    return allFine
}

#if ENGINE_VALIDATION
/// One family of documents that are cheap to send and may be expensive to validate
/// (OverlappingFieldsCanBeMerged compares fields pairwise; fragments can fan out).
struct ValidationCase: Sendable {
    let name: String
    let size: Int
    let unit: String
    let make: @Sendable (Int) -> String
}

let validationSchemaSDL = """
    type Query { a: Int, f(x: Int): Int, o: Obj }
    type Obj { a: Int, f(x: Int): Int, o: Obj }
    """

let validationCases: [ValidationCase] = [
    ValidationCase(name: "repeated field { a a a ... }", size: 2_000, unit: "fields",
        make: { n in "{ " + String(repeating: "a ", count: n) + "}" }),
    ValidationCase(name: "same alias, same arguments", size: 2_000, unit: "fields",
        make: { n in "{ " + String(repeating: "x: f(x: 1) ", count: n) + "}" }),
    ValidationCase(name: "same alias, different fields (conflicts)", size: 2_000, unit: "fields",
        make: { n in "{ " + String(repeating: "x: a x: f(x: 1) ", count: n / 2) + "}" }),
    ValidationCase(name: "repeated field with sub-selections", size: 1_000, unit: "fields",
        make: { n in "{ " + String(repeating: "o { a o { a } } ", count: n) + "}" }),
    ValidationCase(name: "repeated fragment spread", size: 2_000, unit: "spreads",
        make: { n in "{ " + String(repeating: "...F ", count: n) + "} fragment F on Query { a o { a } }" }),
    ValidationCase(name: "distinct fragments, same fields", size: 500, unit: "fragments",
        make: { n in
            "{ " + (0..<n).map { "...F\($0) " }.joined() + "} "
                + (0..<n).map { "fragment F\($0) on Query { a o { a } } " }.joined()
        }),
    ValidationCase(name: "fragment fan-out F(i) = ...F(i+1) ...F(i+1)", size: 10, unit: "levels",
        make: { n in
            "{ ...F0 } " + (0..<n).map { "fragment F\($0) on Query { a ...F\($0 + 1) ...F\($0 + 1) } " }.joined()
                + "fragment F\(n) on Query { a }"
        }),
    ValidationCase(name: "nested repeated fields o { o { ... } } twice", size: 60, unit: "levels",
        make: { n in
            let nest = String(repeating: "o { a ", count: n) + String(repeating: "} ", count: n)
            return "{ " + nest + nest + "}"
        }),
]

/// Whether a client could send `text`: it parses under `ParseOptions.request`, or the limit
/// that refuses it.
func withinRequestLimits(_ text: String) -> String {
    do {
        _ = try parse(text, options: .request)
        return "yes"
    } catch {
        return "no: " + error.message.replacingOccurrences(of: "Syntax Error: ", with: "")
    }
}

/// Times `validate` (parse and schema build outside the timed region) at n and 2n, with
/// the same verdict as the parser cases; returns whether all were fine.
func runValidationCases() -> Bool {
    let schema: GraphQLSchema
    do {
        schema = try buildSchema(validationSchemaSDL)
    } catch {
        print("the validation schema does not build: \(error)")
        return false
    }
    let clock = ContinuousClock()
    func measure(_ document: Document) -> (seconds: Double, errors: Int) {
        var best = Double.infinity
        var errors = 0
        for _ in 0..<5 {
            let start = clock.now
            errors = validate(schema: schema, document: document).count
            let (whole, fraction) = start.duration(to: clock.now).components
            best = min(best, Double(whole) + Double(fraction) * 1e-18)
        }
        return (best, errors)
    }
    var allFine = true
    print("| case | n | t(n) | t(2n) | t(2n)/t(n) | verdict | validation errors at 2n | n within request limits |")
    print("| :--- | ---: | ---: | ---: | ---: | :--- | ---: | :--- |")
    for testCase in validationCases {
        guard let small = try? parse(testCase.make(testCase.size)),
            let large = try? parse(testCase.make(2 * testCase.size))
        else {
            print("| \(testCase.name) | does not parse | | | | FAIL | |")
            allFine = false
            continue
        }
        let smallTiming = measure(small)
        let largeTiming = measure(large)
        let ratio = largeTiming.seconds / smallTiming.seconds
        let verdict: String
        if largeTiming.seconds < 0.001 {
            verdict = "fast (< 1 ms)"
        } else if ratio <= 3.0 {
            verdict = "linear"
        } else {
            verdict = "SUPERLINEAR"
            allFine = false
        }
        print("| \(testCase.name) | \(testCase.size) \(testCase.unit) | \(milliseconds(smallTiming.seconds)) | "
            + "\(milliseconds(largeTiming.seconds)) | \(String(format: "%.2f", ratio)) | \(verdict) | \(largeTiming.errors) | "
            + "\(withinRequestLimits(testCase.make(testCase.size))) |")
        fflush(nil)  // nil: every stream, without touching the global `stdout`
    }
    return allFine
}
#endif

#if ENGINE_VALIDATION
let validationNote = ", validate"
#else
let validationNote = " (the engine has no validation yet)"
#endif

@main
struct Pathological {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 4, arguments[1] == "--deep-child",
            let shape = Int(arguments[2]), let kib = Int(arguments[3])
        {
            runDeepChild(shapeIndex: shape, stackKiB: kib)
        }
        print("Pathological inputs: each case parsed at n and 2n, fastest of 5 runs (of 14 when the ratio first looks superlinear), default ParseOptions unless noted.\n")
        let timingsFine = runCases()
        print("\nStack needed by the deepest accepted nesting: parse, print, re-parse" + validationNote + ":\n")
        fflush(nil)  // nil: every stream, without touching the global `stdout`
        let stackFine = checkDeepestAcceptedStackNeeds()
        #if ENGINE_VALIDATION
        print("\nValidation of documents that are cheap to send, at n and 2n, fastest of 5 runs:\n")
        fflush(nil)  // nil: every stream, without touching the global `stdout`
        let validationFine = runValidationCases()
        #else
        let validationFine = true
        #endif
        let fine = timingsFine && stackFine && validationFine
        print(fine ? "\npathological: all cases fine" : "\npathological: FAILURES above")
        exit(fine ? 0 : 1)
    }
}
