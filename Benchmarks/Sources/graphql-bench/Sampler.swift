/// Times workloads: warm-up and calibration, then several equal samples.
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

    /// How one side will be sampled, found by warming it up.
    struct Calibration {
        let iterationsPerSample: Int
        let warmupIterations: Int
    }

    /// Measures two workloads (ours and the peer's) with their samples interleaved, so a
    /// change in load on the shared machine during the run hits both sides alike instead
    /// of skewing their ratio.
    @MainActor
    func measure(_ first: Workload, against second: Workload) async throws -> (Measurement, Measurement) {
        let calibrations = (try await calibrate(first), try await calibrate(second))
        var rates: ([Double], [Double]) = ([], [])
        for _ in 0..<sampleCount {
            rates.0.append(try await sample(first, iterations: calibrations.0.iterationsPerSample))
            rates.1.append(try await sample(second, iterations: calibrations.1.iterationsPerSample))
        }
        return (
            measurement(rates.0, calibrations.0),
            measurement(rates.1, calibrations.1)
        )
    }

    /// Warms `workload` up in doubling batches until the budget is spent and at least two
    /// calls ran (one call may exceed the budget for slow operations). The last batch is
    /// the largest and warmest, so it sets the per-call cost: first calls pay for cold
    /// caches and lazy initialisation and would make samples too short.
    @MainActor
    private func calibrate(_ workload: Workload) async throws -> Calibration {
        var warmupIterations = 0
        var warmupElapsed = Duration.zero
        var batch = 1
        var lastBatch = (iterations: 1, elapsed: Duration.zero)
        while warmupElapsed < warmupTime || warmupIterations < 2 {
            let elapsed = try await run(workload, iterations: batch)
            warmupElapsed += elapsed
            warmupIterations += batch
            lastBatch = (batch, elapsed)
            batch *= 2
        }
        // Size each sample to take about minTime / sampleCount.
        let perIteration = max(seconds(lastBatch.elapsed) / Double(lastBatch.iterations), 1e-9)
        let sampleTarget = seconds(minTime) / Double(sampleCount)
        return Calibration(
            iterationsPerSample: max(1, Int((sampleTarget / perIteration).rounded(.up))),
            warmupIterations: warmupIterations)
    }

    /// One sample: its rate in operations per second.
    @MainActor
    private func sample(_ workload: Workload, iterations: Int) async throws -> Double {
        let elapsed = try await run(workload, iterations: iterations)
        return Double(iterations) / max(seconds(elapsed), 1e-12)
    }

    private func measurement(_ rates: [Double], _ calibration: Calibration) -> Measurement {
        Measurement(
            samples: rates,
            iterations: calibration.iterationsPerSample * rates.count,
            iterationsPerSample: calibration.iterationsPerSample,
            warmupIterations: calibration.warmupIterations)
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
