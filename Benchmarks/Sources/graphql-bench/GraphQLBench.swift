import Foundation

/// `graphql-bench`: times our GraphQL engine against GraphQLSwift/GraphQL in one run and
/// prints a table of operations per second. See Benchmarks/README.md.
@main
struct GraphQLBench {
    @MainActor static func main() async {
        let options: Options
        do {
            options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            if let message = error.message {
                printError("graphql-bench: \(message)")
            }
            printError(Options.usage)
            exit(error.message == nil ? 0 : 2)
        }

        #if DEBUG
        // SwiftPM defines DEBUG in debug builds only: debug figures are unoptimised and
        // would be misread as the engine's speed.
        if !options.allowDebug {
            printError("graphql-bench: this is a debug build; run `swift run -c release graphql-bench`")
            printError("(or pass --allow-debug to check that the benchmarks work)")
            exit(2)
        }
        #endif

        let fixtures = Fixtures(directory: options.fixturesDirectory)
        let selected = Catalog.all(fixtures).filter { options.selects($0.name) }
        if options.list {
            for benchmark in Catalog.all(fixtures) {
                print("\(benchmark.name)\n    \(benchmark.summary)")
            }
            return
        }
        guard !selected.isEmpty else {
            printError("graphql-bench: no benchmark matches \(options.filters); see --list")
            exit(2)
        }

        if let seconds = options.profileOurs {
            do {
                try await profileOurs(selected, seconds: seconds, iterations: options.profileIterations)
            } catch {
                printError("graphql-bench: \(error)")
                exit(1)
            }
            return
        }

        let sampler = Sampler(
            warmupSeconds: options.warmupTime,
            minSeconds: options.effectiveMinTime,
            samples: options.effectiveSamples)
        print(
            "graphql-bench: \(selected.count) benchmarks; per side: warm-up \(options.warmupTime) s, "
                + "then \(options.effectiveSamples) samples totalling >= \(options.effectiveMinTime) s, "
                + "ours and peer samples interleaved; "
                + "rate = median sample; peer = GraphQLSwift/GraphQL 4.3.0; "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        fflush(nil)  // show the header before the progress lines on stderr

        var results: [BenchmarkResult] = []
        var checks: [String] = []
        var failures: [(name: String, error: any Error)] = []
        for benchmark in selected {
            printError("running \(benchmark.name) ...")
            do {
                let ours = try await benchmark.ours()
                let peer = try await benchmark.peer()
                guard ours.fingerprint == peer.fingerprint else {
                    throw SanityError(
                        "results differ: ours \(ours.fingerprint), peer \(peer.fingerprint)")
                }
                let (oursMeasurement, peerMeasurement) = try await sampler.measure(
                    ours.workload, against: peer.workload)
                results.append(
                    BenchmarkResult(name: benchmark.name, ours: oursMeasurement, peer: peerMeasurement))
                checks.append("\(benchmark.name): \(ours.fingerprint)")
            } catch {
                failures.append((benchmark.name, error))
            }
        }

        print()
        print(ResultTable(results: results).render())
        print()
        print("ops/s: median of the samples ± (max - min) / median; ours/peer above 1 means ours is faster;")
        print("iterations: samples x iterations per sample, warm-up not counted.")
        print("checked before timing, identical for ours and the peer:")
        for check in checks {
            print("  \(check)")
        }
        if !failures.isEmpty {
            print()
            for failure in failures {
                print("FAILED \(failure.name): \(failure.error)")
            }
            exit(1)
        }
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Runs our side of each benchmark alone for `seconds`, so a profiler sees only our engine.
    @MainActor
    static func profileOurs(_ benchmarks: [Benchmark], seconds: Double, iterations limit: Int?) async throws {
        let clock = ContinuousClock()
        for benchmark in benchmarks {
            let ours = try await benchmark.ours()
            let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
            var iterations = 0
            let start = clock.now
            while limit.map({ iterations < $0 }) ?? (clock.now < deadline) {
                switch ours.workload {
                case .sync(let operation): try operation()
                case .async(let operation): try await operation()
                }
                iterations += 1
            }
            let elapsed = start.duration(to: clock.now)
            let rate = Double(iterations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            print("\(benchmark.name): ours only, \(iterations) iterations, \(String(format: "%.1f", rate)) ops/s")
        }
    }
}
