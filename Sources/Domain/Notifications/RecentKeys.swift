import Synchronization

/// Once-keys this process has already seen delivered, so a producer called on every request (an advisor opening a
/// workspace) goes to the database once per key and process, not once per request. The database stays the authority:
/// forgetting a key only costs one more claim that finds it taken.
final class RecentKeys: Sendable {
    private let keys = Mutex(Set<String>())
    /// Past this many keys the set starts over, so it never grows without bound.
    private let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// Whether `key` was remembered.
    func contains(_ key: String) -> Bool { keys.withLock { $0.contains(key) } }

    /// Remembers `key`.
    func insert(_ key: String) {
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys.insert(key)
        }
    }
}
