import Synchronization

/// A fixed set of connections used in turn. Each connection answers one command at a time on its own queue, so a pool
/// of N lets N commands wait on the network at once.
public final class RedisConnectionPool: RedisClient {
    public let settings: RedisSettings
    public let connections: [RedisConnection]
    private let next = Atomic<UInt>(0)

    /// A pool of `size` lazily connecting connections (at least one).
    public init(settings: RedisSettings, size: Int = 4) {
        self.settings = settings
        self.connections = (0..<max(1, size)).map { _ in RedisConnection(settings: settings) }
    }

    /// Sends the command on the next connection in turn.
    public func send(_ arguments: [[UInt8]]) async throws(RedisError) -> RESPValue {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await connections[Int(index % UInt(connections.count))].send(arguments)
    }

    /// Closes every connection; the next command reconnects.
    public func close() async {
        for connection in connections { await connection.close() }
    }
}
