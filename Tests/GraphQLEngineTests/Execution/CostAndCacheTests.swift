@testable import GraphQLEngine
import Testing

@Suite struct CostAndCacheTests {
    let schema: GraphQLSchema

    init() throws {
        schema = try buildSchema("""
            directive @listSize(assumedSize: Int, slicingArguments: [String!]) on FIELD_DEFINITION
            type Query {
              viewer: User
              workspaces(first: Int = 10, after: String): WorkspaceConnection
              node(id: ID!): Node
              tags: [String]
              recent: [Transaction] @listSize(assumedSize: 25)
            }
            interface Node { id: ID! }
            type User implements Node { id: ID! name: String }
            type WorkspaceConnection { edges: [WorkspaceEdge] totalCount: Int }
            type WorkspaceEdge { node: Workspace }
            type Workspace implements Node { id: ID! transactions(first: Int, last: Int): TransactionConnection }
            type TransactionConnection { nodes: [Transaction] }
            type Transaction implements Node { id: ID! amount: String payee: User }
            """)
    }

    func cost(_ query: String, variables: GraphQLObject = [:]) throws -> QueryCost {
        let document = try parse(query)
        guard case .operation(let operation) = document.definitions[0] else { throw GraphQLError("no operation") }
        return CostAnalyzer(schema: schema).cost(of: operation, in: document, variables: variables)
    }

    @Test func costsFollowTheGitHubModel() throws {
        #expect(try cost("{ tags }") == QueryCost(requested: 0, depth: 1))
        #expect(try cost("{ viewer { id name } }") == QueryCost(requested: 1, depth: 2))
        // 1 connection + 50 × (1 edge list + 1 node) = 101.
        #expect(try cost("{ workspaces(first: 50) { edges { node { id } } } }").requested == 101)
        // The default of `first` applies when it is left out: 1 + 10 × 2.
        #expect(try cost("{ workspaces { edges { node { id } } } }").requested == 21)
        // Nested connections multiply; variables give page sizes.
        let nested = "query($n: Int) { workspaces(first: $n) { edges { node { transactions(last: 20) { nodes { id } } } } } }"
        #expect(try cost(nested, variables: ["n": 5]) == QueryCost(requested: 1 + 5 * (1 + 1 + 1 + 20 * 1), depth: 6))
        // @listSize(assumedSize:) stands for a page size.
        #expect(try cost("{ recent { payee { id } } }").requested == 1 + 25 * 1)
        // An abstract selection costs its dearest possible type.
        #expect(try cost("{ node(id: 1) { ... on Transaction { payee { id } } ... on User { name } } }").requested == 2)
    }

    @Test func limitsRefuseExpensiveOperations() throws {
        let limits = CostLimits(maxCost: 100, maxDepth: 4)
        let errors = limits.check(try cost("query($n: Int) { workspaces(first: $n) { edges { node { transactions(last: 20) { nodes { id } } } } } }", variables: ["n": 5]))
        #expect(errors.map { $0.extensions["code"] } == ["QUERY_TOO_COMPLEX", "QUERY_TOO_DEEP"])
        #expect(limits.check(try cost("{ viewer { id } }")).isEmpty)
    }

    @Test func documentsAreParsedAndValidatedOnce() throws {
        let cache = DocumentCache(schema: schema, capacity: 4)
        let first = try cache.document(query: "{ viewer { id } }").get()
        let second = try cache.document(query: "{ viewer { id } }").get()
        #expect(first == second)
        #expect(cache.count == 1)
        guard case .failure(let invalid) = cache.document(query: "{ viewer { nope } }") else {
            Issue.record("invalid document accepted")
            return
        }
        #expect(invalid.errors.first?.extensions["code"] == "GRAPHQL_VALIDATION_FAILED")
        guard case .failure(let syntax) = cache.document(query: "{ viewer ") else {
            Issue.record("bad syntax accepted")
            return
        }
        #expect(syntax.errors.first?.extensions["code"] == "GRAPHQL_PARSE_FAILED")
        for i in 0..<10 { _ = cache.document(query: "{ v\(i): viewer { id } }") }
        #expect(cache.count <= 4)
    }

    @Test func automaticPersistedQueries() throws {
        let cache = DocumentCache(schema: schema)
        let query = "{ viewer { name } }"
        let hash = SHA256.hex(query.utf8)
        guard case .failure(let unknown) = cache.document(query: nil, persistedHash: hash) else {
            Issue.record("unknown hash accepted")
            return
        }
        #expect(unknown.errors.first?.extensions["code"] == "PERSISTED_QUERY_NOT_FOUND")
        guard case .failure(let mismatch) = cache.document(query: query, persistedHash: String(repeating: "0", count: 64)) else {
            Issue.record("mismatched hash accepted")
            return
        }
        #expect(mismatch.errors.first?.message == "provided sha does not match query")
        _ = try cache.document(query: query, persistedHash: hash).get()
        #expect(try cache.document(query: nil, persistedHash: hash.uppercased()).get() == parse(query))
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = String(repeating: "a", count: 1_000)
        #expect(SHA256.hex(long.utf8) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
