/// The cost of an Argon2id hash. Stored hashes carry their own parameters, so raising these affects new hashes only.
public struct Argon2Parameters: Sendable, Equatable {
    /// Passes over memory (t).
    public var timeCost: UInt32
    /// Memory in KiB (m).
    public var memoryKiB: UInt32
    /// Lanes (p).
    public var parallelism: UInt32

    /// Parameters as given; Argon2 needs `memoryKiB >= 8 * parallelism`.
    public init(timeCost: UInt32, memoryKiB: UInt32, parallelism: UInt32) {
        self.timeCost = timeCost
        self.memoryKiB = memoryKiB
        self.parallelism = parallelism
    }

    /// MEASURED_PLACEHOLDER
    public static let standard = Argon2Parameters(timeCost: 2, memoryKiB: 65_536, parallelism: 1)

    /// The cheapest valid setting: for tests that hash many passwords, never for production.
    public static let minimal = Argon2Parameters(timeCost: 1, memoryKiB: 64, parallelism: 1)
}
