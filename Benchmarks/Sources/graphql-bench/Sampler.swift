/// Times a workload: warm-up, calibration, then several equal samples.
///
/// Clock-based rather than fixed-count, so a 10 µs parse and a 1 s schema build each get
/// enough wall time to be measured without the whole run taking hours: calibration picks
/// the iterations per sample from the warm-up's observed cost.
struct Sampler {
    let warmupTime: Duration
    let minTime: Duration
    let sampleCount: Int

    private let clock = ContinuousClock()

    init(warmupSeconds: Double, minSeconds: Double, samples: Int) {
        warmupTime = .seconds(warmupSeconds)
        minTime = .seconds(minSeconds)
        sampleCount = samples
    }

    /// Measures `workload`.
    @MainActor
    func measure(_ workload: Workload) async throws -> Measurement {
        // Warm up until both the time budget and a minimum count are reached; the count
        // matters for slow operations, where one call may exceed the budget.
        var warmupIterations = 0
        var warmupElapsed = Duration.zero
        while warmupElapsed < warmupTime || warmupIterations < 2 {
            warmupElapsed += try await run(workload, iterations: 1)
            warmupIterations += 1
        }

        // Size each sample to take about minTime / sampleCount.
        let perIteration = max(seconds(warmupElapsed) / Double(warmupIterations), 1e-9)
        let sampleTarget = seconds(minTime) / Double(sampleCount)
        let iterationsPerSample = max(1, Int((sampleTarget / perIteration).rounded(.up)))

        var rates: [Double] = []
        rates.reserveCapacity(sampleCount)
        for _ in 0..<sampleCount {
            let elapsed = try await run(workload, iterations: iterationsPerSample)
            rates.append(Double(iterationsPerSample) / max(seconds(elapsed), 1e-12))
        }
        return Measurement(
            samples: rates,
            iterations: iterationsPerSample * sampleCount,
            iterationsPerSample: iterationsPerSample,
            warmupIterations: warmupIterations
        )
    }

    /// Runs `iterations` calls back to back and returns the elapsed time. The loop is inside
    /// the timed region, the clock reads are outside it.
    @MainActor
    private func run(_ workload: Workload, iterations: Int) async throws -> Duration {
        switch workload {
        case .sync(let operation):
            let start = clock.now
            for _ in 0..<iterations {
                try operation()
            }
            return start.duration(to: clock.now)
        case .async(let operation):
            let start = clock.now
            for _ in 0..<iterations {
                try await operation()
            }
            return start.duration(to: clock.now)
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
