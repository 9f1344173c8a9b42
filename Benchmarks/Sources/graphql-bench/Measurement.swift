/// The timing of one side of a benchmark.
struct Measurement {
    /// Operations per second of each timed sample, in the order they ran.
    let samples: [Double]
    /// Iterations timed, summed over all samples (warm-up excluded).
    let iterations: Int
    /// Iterations run in each sample.
    let iterationsPerSample: Int
    /// Iterations run during warm-up and calibration, untimed in the result.
    let warmupIterations: Int

    /// The median sample rate: robust to the odd sample disturbed by another process on a
    /// shared 2-core machine, where a mean would be dragged by it.
    var opsPerSecond: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Spread of the samples, (max - min) / median, so a reader can tell how far to trust
    /// the median.
    var relativeSpread: Double {
        guard let low = samples.min(), let high = samples.max(), opsPerSecond > 0 else { return 0 }
        return (high - low) / opsPerSecond
    }
}
