/// A Lua script run with EVALSHA by its SHA-1, loaded on demand: when a server answers NOSCRIPT (a restart, a
/// failover, SCRIPT FLUSH) the script is loaded with SCRIPT LOAD and the call repeated once.
public struct RedisScript: Sendable, Equatable {
    public let source: String
    /// The SHA-1 Redis names the script by, computed here so the first call needs no round trip.
    public let sha1: String

    /// A script from its Lua source.
    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hex(Array(source.utf8))
    }
}

extension RedisClient {
    /// Runs `script` with EVALSHA, loading it first if the server does not have it.
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [String]) async throws(RedisError) -> RESPValue {
        let call = [Array("EVALSHA".utf8), Array(script.sha1.utf8), Array(String(keys.count).utf8)]
            + keys.map { Array($0.utf8) } + arguments.map { Array($0.utf8) }
        do {
            return try await send(call)
        } catch .server(let message) where message.hasPrefix("NOSCRIPT") {
            let loaded = try await send(["SCRIPT", "LOAD", script.source])
            guard loaded.string == script.sha1 else {
                throw .unexpectedReply(command: "SCRIPT LOAD", reply: "\(loaded), expected \(script.sha1)")
            }
            return try await send(call)
        }
    }
}
