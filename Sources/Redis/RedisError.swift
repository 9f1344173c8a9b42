/// Why a Redis command failed.
public enum RedisError: Error, Equatable, CustomStringConvertible {
    /// The server could not be reached or the connection broke: (address, hiredis' message).
    case connectionFailed(String, String)
    /// The server answered with an error reply, such as `WRONGTYPE ...`.
    case server(String)
    /// The reply had a shape the command does not expect.
    case unexpectedReply(command: String, reply: String)

    public var description: String {
        switch self {
        case .connectionFailed(let address, let message): return "cannot reach Redis at \(address): \(message)"
        case .server(let message): return "Redis error: \(message)"
        case .unexpectedReply(let command, let reply): return "unexpected Redis reply to \(command): \(reply)"
        }
    }
}
