/// Why the queue refused an operation; each case names what to fix.
public enum JobQueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A kind (or schedule name) that is not lower-case letters, digits, `_`, `.`, `-`, 1-100 characters.
    case badKind(String)
    case badMaxAttempts(Int)
    case badUniqueKey(String)
    /// The payload is not a JSON object (or cannot be encoded / decoded as the handler's type).
    case badPayload(String)
    case jobNotFound(Int64)
    /// Only dead jobs can be retried.
    case notDead(Int64, JobState)
    /// Retrying would make a second pending job with the same unique key.
    case duplicatePending(Int64, uniqueKey: String)
    /// A page size outside 1-100.
    case badPageSize(Int)
    /// A cursor this list did not give out.
    case badCursor

    public var description: String {
        switch self {
        case .badKind(let kind): "\"\(kind)\" is not a job kind: lower-case letters, digits, _ . -, starting with a letter, at most 100"
        case .badMaxAttempts(let count): "max attempts must be between 1 and 100, not \(count)"
        case .badUniqueKey(let key): "a unique key has 1 to 200 characters, not \(key.count)"
        case .badPayload(let reason): reason
        case .jobNotFound(let id): "no job with id \(id)"
        case .notDead(let id, let state): "job \(id) is \(state.rawValue); only dead jobs can be retried"
        case .duplicatePending(let id, let key): "job \(id) cannot be retried: another job with the key \"\(key)\" is already waiting"
        case .badPageSize(let size): "first must be between 1 and 100, not \(size)"
        case .badCursor: "the cursor is not one this list gave out"
        }
    }
}
