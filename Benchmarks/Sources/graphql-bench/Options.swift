/// Command-line options of `graphql-bench`.
///
/// Parsed by hand: ArgumentParser would be the only reason to fetch and compile another
/// package, and build time matters on the 2-core machines this runs on.
struct Options {
    /// Case-insensitive substrings; a benchmark runs when its name contains any of them
    /// (all run when empty).
    var filters: [String] = []
    /// Shorter budget for a smoke run; the figures are noisier.
    var quick = false
    /// Print the benchmarks and what they time, then exit.
    var list = false
    /// Minimum measured wall time per side, in seconds, summed over all samples.
    var minTime: Double?
    /// Number of timed samples per side; the reported rate is their median.
    var samples: Int?
    /// Directory holding the fixture files; defaults to `Benchmarks/Fixtures`.
    var fixturesDirectory: String?
    /// Run a debug build anyway (its figures say nothing about release performance).
    var allowDebug = false
    /// Run only our side of each selected benchmark for this many seconds, for a profiler.
    var profileOurs: Double?
    /// With --profile-ours: stop after this many iterations instead (for instruction counts under callgrind).
    var profileIterations: Int?

    /// Seconds spent running a side before sampling, so caches, lazy globals and the
    /// allocator reach a steady state.
    var warmupTime: Double { quick ? 0.05 : 0.25 }
    var effectiveMinTime: Double { minTime ?? (quick ? 0.2 : 2.0) }
    var effectiveSamples: Int { samples ?? (quick ? 3 : 7) }

    static let usage = """
        usage: graphql-bench [FILTER...] [--quick] [--list] [--min-time SECONDS]
                             [--samples N] [--fixtures DIR] [--allow-debug] [--profile-ours S]

          FILTER          run only benchmarks whose name contains FILTER (case-insensitive)
          --quick         smoke run: 0.2 s per side in 3 samples (default 2 s in 7 samples)
          --list          list the benchmarks and what each one times
          --min-time S    minimum measured time per side, in seconds
          --samples N     timed samples per side; the median rate is reported
          --fixtures DIR  read fixtures from DIR instead of Tests/GraphQLEngineTests/Fixtures
          --allow-debug   run even though this is a debug build
          --profile-ours S  run only our side of each selected benchmark for S seconds
                          (no peer, no table), for `perf record`
          --profile-iterations N  with --profile-ours: stop after N iterations
                          (for `valgrind --tool=callgrind`, whose counts are repeatable)
        """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--quick": options.quick = true
            case "--list": options.list = true
            case "--allow-debug": options.allowDebug = true
            case "--min-time":
                guard let value = iterator.next().flatMap(Double.init), value > 0 else {
                    throw UsageError("--min-time needs a positive number of seconds")
                }
                options.minTime = value
            case "--samples":
                guard let value = iterator.next().flatMap({ Int($0) }), value > 0 else {
                    throw UsageError("--samples needs a positive integer")
                }
                options.samples = value
            case "--profile-ours":
                guard let value = iterator.next().flatMap(Double.init), value > 0 else {
                    throw UsageError("--profile-ours needs a positive number of seconds")
                }
                options.profileOurs = value
            case "--profile-iterations":
                guard let value = iterator.next().flatMap({ Int($0) }), value > 0 else {
                    throw UsageError("--profile-iterations needs a positive integer")
                }
                options.profileIterations = value
            case "--fixtures":
                guard let value = iterator.next() else {
                    throw UsageError("--fixtures needs a directory")
                }
                options.fixturesDirectory = value
            case "-h", "--help":
                throw UsageError(nil)
            default:
                if argument.hasPrefix("-") {
                    throw UsageError("unknown option \(argument)")
                }
                options.filters.append(argument.lowercased())
            }
        }
        return options
    }

    /// Whether the benchmark called `name` is selected by the filters.
    func selects(_ name: String) -> Bool {
        filters.isEmpty || filters.contains { name.lowercased().contains($0) }
    }
}

/// A bad command line; `message` is nil when help was asked for.
struct UsageError: Error {
    let message: String?

    init(_ message: String?) {
        self.message = message
    }
}
