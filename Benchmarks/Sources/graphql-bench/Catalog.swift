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
        ]
    }
}
