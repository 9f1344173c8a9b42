@testable import GraphQLEngine
import Testing

/// A one-shot signal between resolvers.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// An ordered log shared by resolvers.
actor Log {
    private(set) var entries: [String] = []
    func append(_ entry: String) { entries.append(entry) }
}

struct Account: Sendable {
    let id: Int
    let name: String
}

@Suite(.timeLimit(.minutes(1))) struct ExecutionTests {
    func run(_ executable: ExecutableSchema, _ query: String, variables: GraphQLObject = [:], context: any Sendable = ()) async throws -> ExecutionResult {
        let document = try parse(query)
        let errors = validate(schema: executable.schema, document: document)
        #expect(errors.isEmpty, "validation: \(errors)")
        return await execute(schema: executable, document: document, variables: variables, context: context)
    }

    @Test func aSlowResolverDoesNotDelayItsSiblings() async throws {
        let schema = try buildSchema("type Query { slow: String fast: String }")
        let gate = Gate()
        var builder = ExecutableSchema.Builder(schema: schema)
        // `slow` can only finish after `fast` has: run one after the other, this would hang.
        builder.resolveAsync("Query", "slow") { _ in
            await gate.wait()
            return .string("slow")
        }
        builder.resolveAsync("Query", "fast") { _ in
            await gate.open()
            return .string("fast")
        }
        let result = try await run(try builder.build(), "{ slow fast }")
        #expect(result.errors.isEmpty)
        #expect(result.data == ["slow": "slow", "fast": "fast"])
        // Keys keep the order of the selection, whatever order resolvers finished in.
        if case .object(let object)? = result.data { #expect(object.keys == ["slow", "fast"]) }
    }

    /// Execution stays on its caller's executor: called from an actor, a synchronous resolver runs isolated to it (it
    /// ran on the global pool, after a hop there and another back, before `execute` was `nonisolated(nonsending)`).
    @Test func executionRunsOnItsCallersExecutor() async throws {
        let schema = try buildSchema("type Query { onCallersQueue: Boolean }")
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "onCallersQueue") { _ in .bool(QueueBoundActor.isOnItsQueue) }
        let executable = try builder.build()
        let document = try parse("{ onCallersQueue }")
        #expect(!QueueBoundActor.isOnItsQueue)
        let (onQ, result) = await QueueBoundActor().run { await execute(schema: executable, document: document) }
        #expect(onQ)
        #expect(result.errors.isEmpty)
        #expect(result.data == ["onCallersQueue": true])
    }

    @Test func mutationRootFieldsRunSerially() async throws {
        let schema = try buildSchema("type Query { a: Int } type Mutation { first: String second: String third: String }")
        let log = Log()
        var builder = ExecutableSchema.Builder(schema: schema)
        for (name, delay) in [("first", 30), ("second", 1), ("third", 10)] {
            builder.resolveAsync("Mutation", name) { _ in
                try await Task.sleep(for: .milliseconds(delay))
                await log.append(name)
                return .string("\(await log.entries.count)")
            }
        }
        let result = try await run(try builder.build(), "mutation { third first second }")
        #expect(await log.entries == ["third", "first", "second"])
        #expect(result.data == ["third": "1", "first": "2", "second": "3"])
    }

    @Test func nullPropagatesToTheNearestNullableParent() async throws {
        let schema = try buildSchema("type Query { account: Account list: [Account!] } type Account { id: Int! name: String }")
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolveAsync("Query", "account") { _ in .value(["id": .null, "name": "x"]) }
        builder.resolve("Query", "list") { _ in .list([.value(["id": 1]), .value(["id": .null])]) }
        let result = try await run(try builder.build(), "{ account { id name } list { id } }")
        #expect(result.data == ["account": .null, "list": .null])
        #expect(result.errors.map(\.message) == [
            "Cannot return null for non-nullable field Account.id.", "Cannot return null for non-nullable field Account.id.",
        ])
        #expect(Set(result.errors.compactMap(\.path)) == [[.key("account"), .key("id")], [.key("list"), .index(1), .key("id")]])
    }

    @Test func swiftSourcesWithTypedResolversAndAbstractTypes() async throws {
        let schema = try buildSchema("""
            type Query { accounts: [Node!]! }
            interface Node { id: ID! }
            type Account implements Node { id: ID! name: String! }
            """)
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.sourceBacked("Account")
        builder.resolve("Query", "accounts") { _ in
            .list([Account(id: 1, name: "Cash"), Account(id: 2, name: "Card")].map { .object($0) })
        }
        builder.resolveType("Node") { source in source is Account ? "Account" : nil }
        builder.resolve("Account", "id") { input in .string(String(try input.source(as: Account.self).id)) }
        builder.resolve("Account", "name") { input in .string(try input.source(as: Account.self).name) }
        let result = try await run(try builder.build(), "{ accounts { id ... on Account { name } __typename } }")
        #expect(result.errors.isEmpty)
        #expect(result.data == ["accounts": [
            ["id": "1", "name": "Cash", "__typename": "Account"], ["id": "2", "name": "Card", "__typename": "Account"],
        ]])
    }

    @Test func bindingsAreCheckedAtStartUp() throws {
        let schema = try buildSchema("type Query { a: Int b: Int }")
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.sourceBacked("Query")
        builder.resolve("Query", "a") { _ in .int(1) }
        builder.resolve("Query", "nope") { _ in .null }
        builder.resolve("Missing", "a") { _ in .null }
        do {
            _ = try builder.build()
            Issue.record("build accepted bad bindings")
        } catch {
            #expect(error.errors.map(\.message) == [
                "Resolver for Query.nope: type Query has no field nope.",
                "Resolver for Missing.a: the schema has no object or interface type Missing.",
                "Query.b has no resolver, and Query is backed by Swift sources.",
            ])
        }
    }

    @Test func resolverErrorsAreLocatedAndTheRestStands() async throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "ledger unavailable" } }
        let schema = try buildSchema("type Query { ok: Int broken: Int }")
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "ok") { _ in .int(1) }
        builder.resolveAsync("Query", "broken") { _ in throw Failure() }
        let result = try await run(try builder.build(), "{ ok\n  broken }")
        #expect(result.data == ["ok": 1, "broken": .null])
        #expect(result.errors.first?.message == "ledger unavailable")
        #expect(result.errors.first?.locations == [SourceLocation(line: 2, column: 3)])
        #expect(result.errors.first?.path == [.key("broken")])
    }

    @Test func introspectionOfTheGitHubSchema() async throws {
        let schema = ExecutableSchema(schema: try buildSchema(try fixture("github-schema.graphql")))
        let result = try await run(schema, try fixture("introspection-query-full.graphql"))
        #expect(result.errors.isEmpty)
        guard case .list(let types)? = result.data?["__schema"]?["types"] else {
            Issue.record("no types")
            return
        }
        #expect(types.count == schema.schema.types.count)
        let repository = types.first { $0["name"] == "Repository" }
        #expect(repository?["kind"] == "OBJECT")
        // Every field and argument of every type reads back as the schema has it: names, order, and the whole
        // `ofType` chain of its type.
        var checked = 0
        for case .object(let type) in types {
            guard case .string(let name)? = type["name"], let index = schema.schema.typeIndex(named: name),
                let model = schema.schema.types[index].fieldsType
            else { continue }
            guard case .list(let fields)? = type["fields"] else {
                Issue.record("\(name) has no fields")
                continue
            }
            #expect(fields.map { $0["name"] } == model.fields.map { .string($0.name) }, "\(name)")
            for (field, definition) in zip(fields, model.fields) {
                #expect(Self.describe(field["type"]) == schema.schema.describe(definition.type), "\(name).\(definition.name)")
                guard case .list(let args)? = field["args"] else { continue }
                #expect(args.map { Self.describe($0["type"]) } == definition.arguments.map { schema.schema.describe($0.type) })
                checked += 1 + args.count
            }
        }
        #expect(checked > 2_000)
    }

    /// A type reference of an introspection response written as SDL writes it, `[String!]!`.
    static func describe(_ type: GraphQLValue?) -> String {
        switch type?["kind"] {
        case "NON_NULL": return describe(type?["ofType"]) + "!"
        case "LIST": return "[" + describe(type?["ofType"]) + "]"
        default:
            if case .string(let name)? = type?["name"] { return name }
            return "?"
        }
    }
}

@Suite struct ArgumentAccessTests {
    @Test func resolversReadTypedArgumentsAfterCoercion() async throws {
        let schema = try buildSchema("""
            input Range { from: Int! to: Int = 10 }
            enum Order { ASC DESC }
            type Query { page(first: Int = 20, ratio: Float, order: Order, range: Range, tags: [String!], after: String): String }
            """)
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "page") { input in
            let a = input.arguments
            let range = a.object("range")
            return .string("\(a.int("first") ?? -1) \(a.double("ratio") ?? -1) \(a.string("order") ?? "-") \(range?.int("from") ?? -1)-\(range?.int("to") ?? -1) \(a.list("tags")?.count ?? -1) \(a.contains("after"))")
        }
        let document = try parse(#"query($r: Float) { page(ratio: $r, order: DESC, range: {from: 3}, tags: "one", after: null) }"#)
        let result = await execute(schema: try builder.build(), document: document, variables: ["r": 2])
        #expect(result.errors.isEmpty)
        // Defaults are applied, Int widens to Float, one value becomes a list, and an
        // explicit null is kept apart from an absent argument.
        #expect(result.data == ["page": "20 2.0 DESC 3-10 1 true"])
    }
}
