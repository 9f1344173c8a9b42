import Dispatch

/// An actor whose jobs run on one dispatch queue, so code can tell (without trapping) whether it runs isolated to it:
/// `isOnItsQueue` is true only on that queue.
actor QueueBoundActor {
    private let executor = QueueExecutor()

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Whether the calling code runs on this actor's queue.
    nonisolated static var isOnItsQueue: Bool { DispatchQueue.getSpecific(key: QueueExecutor.key) != nil }

    /// Runs `body` isolated to this actor.
    func run<T: Sendable>(_ body: nonisolated(nonsending) () async throws -> T) async rethrows -> (onQueue: Bool, T) {
        let before = Self.isOnItsQueue
        return (before, try await body())
    }
}

/// A serial executor over a dispatch queue tagged with `key`.
final class QueueExecutor: SerialExecutor {
    static let key = DispatchSpecificKey<Bool>()
    private let queue: DispatchQueue

    init() {
        queue = DispatchQueue(label: "QueueExecutor")
        queue.setSpecific(key: Self.key, value: true)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
