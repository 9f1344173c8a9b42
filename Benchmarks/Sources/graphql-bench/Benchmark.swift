/// A measurement taken for our engine and the peer in the same run.
///
/// Each side is a factory so that expensive set-up (reading fixtures, parsing outside the
/// timed region, building a schema) only happens for benchmarks the filter selects, and so
/// that a side's sanity checks run before anything is timed.
struct Benchmark {
    /// Stable name, matched by the command-line filter and printed in the table.
    let name: String
    /// What exactly is inside the timed region, for `--list` and the README.
    let summary: String
    /// Builds our side: runs set-up and checks, returns the timed workload. Asynchronous so
    /// that execution benchmarks can check a first execution's result.
    let ours: @MainActor () async throws -> Prepared
    /// Builds the peer's side (GraphQLSwift/GraphQL).
    let peer: @MainActor () async throws -> Prepared
}
