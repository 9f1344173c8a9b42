/// Every benchmark, in the order they run and print.
///
/// To add one (for example execution), write a function returning `Prepared` in both
/// `Ours.swift` and `Peer.swift` (an `.async` workload for execution), check the result
/// there, give both sides the same fingerprint, and list the pair here.
enum Catalog {
    static func all(_ fixtures: Fixtures) -> [Benchmark] {
        [
            Benchmark(
                name: "parse/kitchen-sink-query",
                summary: "parse the graphql-js kitchen-sink executable document (1 KB)",
                ours: { try Ours.parsing(fixtures.text("kitchen-sink-query.graphql")) },
                peer: { try Peer.parsing(fixtures.text("kitchen-sink-query.graphql")) }
            ),
            Benchmark(
                name: "parse/introspection-query",
                summary: "parse the standard introspection query (1.5 KB)",
                ours: { try Ours.parsing(fixtures.text("introspection-query.graphql")) },
                peer: { try Peer.parsing(fixtures.text("introspection-query.graphql")) }
            ),
            Benchmark(
                name: "parse/github-schema-sdl",
                summary: "parse GitHub's public schema as a document, no schema build (368 KB)",
                ours: { try Ours.parsing(fixtures.text("github-schema.graphql")) },
                peer: { try Peer.parsing(fixtures.text("github-schema.graphql")) }
            ),
            Benchmark(
                name: "build/github-schema",
                summary: "SDL text to a validated schema: parse, build, type-system validation",
                ours: { try Ours.schemaBuilding(fixtures.text("github-schema.graphql")) },
                peer: { try Peer.schemaBuilding(fixtures.text("github-schema.graphql")) }
            ),
            Benchmark(
                name: "validate/introspection-query@github",
                summary: "validate the parsed introspection query against the built GitHub schema",
                ours: {
                    try Ours.validation(
                        query: fixtures.text("introspection-query.graphql"),
                        sdl: fixtures.text("github-schema.graphql"))
                },
                peer: {
                    try Peer.validation(
                        query: fixtures.text("introspection-query.graphql"),
                        sdl: fixtures.text("github-schema.graphql"))
                }
            ),
            Benchmark(
                name: "execute/list-1000x5",
                summary: "execute { items { id name count score active } } over 1,000 objects of data, default resolvers",
                ours: { try await Ours.execution(ExecutionWorkload.list) },
                peer: { try await Peer.execution(ExecutionWorkload.list) }
            ),
            Benchmark(
                name: "execute/nested-100x10",
                summary: "execute { groups { id name items { id value } } }: 100 groups of 10 items, default resolvers",
                ours: { try await Ours.execution(ExecutionWorkload.nested) },
                peer: { try await Peer.execution(ExecutionWorkload.nested) }
            ),
            Benchmark(
                name: "execute/introspection-query@github",
                summary: "execute the parsed introspection query against the built GitHub schema",
                ours: {
                    try await Ours.introspection(
                        query: fixtures.text("introspection-query.graphql"),
                        sdl: fixtures.text("github-schema.graphql"))
                },
                peer: {
                    try await Peer.introspection(
                        query: fixtures.text("introspection-query.graphql"),
                        sdl: fixtures.text("github-schema.graphql"))
                }
            ),
        ]
    }
}
