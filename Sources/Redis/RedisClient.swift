/// Anything that runs Redis commands: one connection, or a pool of them. The command helpers
/// (`RedisClient+Commands.swift`, scripts, publish) are written once against this.
public protocol RedisClient: Sendable {
    /// Sends one command whose arguments are raw bytes and returns its reply; a server error reply throws.
    func send(_ arguments: [[UInt8]]) async throws(RedisError) -> RESPValue
}

extension RedisClient {
    /// Sends one command, as in `["SET", "key", "value"]`.
    public func send(_ arguments: [String]) async throws(RedisError) -> RESPValue {
        try await send(arguments.map { Array($0.utf8) })
    }
}
