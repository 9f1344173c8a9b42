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

    /// Argon2id, t = 3, m = 24 MiB (24,576 KiB), p = 1: one hash takes 58-82 ms on this project's machines (median of
    /// 51 hashes per run, several runs; optimised build calling Debian 12's libargon2 (0~20171227), 2-core Intel Xeon, another
    /// build running beside it). Measured against: t=2/m=64 MiB 172 ms, t=1/m=46 MiB 64-90 ms, t=2/m=32 MiB 99 ms,
    /// t=2/m=19 MiB 25-42 ms. One lane, since a 2-core server hashes for several logins at once.
    public static let standard = Argon2Parameters(timeCost: 3, memoryKiB: 24_576, parallelism: 1)

    /// The cheapest valid setting: for tests that hash many passwords, never for production.
    public static let minimal = Argon2Parameters(timeCost: 1, memoryKiB: 64, parallelism: 1)
}
