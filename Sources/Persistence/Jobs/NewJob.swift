import Foundation

/// A job to enqueue: its kind, JSON payload, when it may first run, how often it may be tried, and an optional key
/// that keeps a second pending job with the same key out of the queue.
public struct NewJob: Sendable, Equatable {
    public var kind: String
    /// A JSON object as text.
    public var payload: String
    /// Not before this instant; nil means now (the database's clock).
    public var runAt: Date?
    public var maxAttempts: Int
    /// While a job with this key is queued or running, enqueueing another one with it does nothing.
    public var uniqueKey: String?

    /// A job of `kind`; `payload` must be a JSON object.
    public init(kind: String, payload: String = "{}", runAt: Date? = nil, maxAttempts: Int = 5, uniqueKey: String? = nil) {
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }

    /// A job whose payload is `value` encoded as JSON.
    public init<Payload: Encodable>(
        kind: String, payload value: Payload, runAt: Date? = nil, maxAttempts: Int = 5, uniqueKey: String? = nil
    ) throws(JobQueueError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            throw .badPayload("the payload of \(kind) cannot be encoded as JSON")
        }
        self.init(kind: kind, payload: text, runAt: runAt, maxAttempts: maxAttempts, uniqueKey: uniqueKey)
    }

    /// Checks what the table's constraints would refuse, so the caller gets a message instead of an SQL error.
    func validated() throws(JobQueueError) -> NewJob {
        guard JobKind.isValid(kind) else { throw .badKind(kind) }
        guard (1...100).contains(maxAttempts) else { throw .badMaxAttempts(maxAttempts) }
        if let uniqueKey, !(1...200).contains(uniqueKey.count) { throw .badUniqueKey(uniqueKey) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)), object is [String: Any] else {
            throw .badPayload("the payload of \(kind) is not a JSON object")
        }
        return self
    }
}

/// Job kinds and schedule names: lower-case, starting with a letter, then letters, digits, `_`, `.`, `-`.
public enum JobKind {
    /// Whether `name` is a valid kind (the table's CHECK).
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...100).contains(name.unicodeScalars.count), ("a"..."z").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0) }
    }
}
