/// The operation a benchmark times, after all of its set-up has run.
///
/// Parsing, schema building and validation are synchronous, so they are timed without any
/// `await` in the loop; execution is asynchronous in both engines, so it gets its own case
/// rather than forcing every measurement through a suspension point.
enum Workload {
    /// A synchronous operation; one call is one iteration.
    case sync(() throws -> Void)
    /// An asynchronous operation (execution); one call is one iteration. Main-actor
    /// isolated because the runner is, which keeps non-Sendable fixtures (the peer's
    /// `Document` is a non-Sendable struct) on one isolation domain.
    case async(@MainActor () async throws -> Void)
}

/// One side of a benchmark, ready to be timed.
struct Prepared {
    /// What gets timed.
    let workload: Workload
    /// A short, engine-independent summary of the result of one run of the workload
    /// (for example "definitions=6"). The runner requires ours and the peer's to be equal,
    /// so a benchmark whose sides do different work (or fail silently) cannot report a ratio.
    let fingerprint: String
}
