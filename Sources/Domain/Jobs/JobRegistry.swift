import Foundation
import Persistence

/// The handlers a worker runs, by kind. A worker claims only the kinds it has handlers for, so processes running
/// different versions (or different sets of handlers) can share one queue.
public struct JobRegistry: Sendable {
    typealias Runner = @Sendable (_ payload: String, _ context: JobContext) async throws -> Void
    private var runners: [String: Runner] = [:]

    /// An empty registry.
    public init() {}

    /// Adds `handler` for its kind. Registering a kind twice is a programming error.
    public mutating func register<Handler: JobHandler>(_ handler: Handler) {
        precondition(JobKind.isValid(handler.kind), "\"\(handler.kind)\" is not a valid job kind")
        precondition(runners[handler.kind] == nil, "a handler for \(handler.kind) is already registered")
        runners[handler.kind] = { payload, context in
            let decoded: Handler.Payload
            do {
                decoded = try JobPayloadCoding.decoder.decode(Handler.Payload.self, from: Data(payload.utf8))
            } catch {
                throw PermanentJobFailure("the payload does not fit \(handler.kind): \(error)")
            }
            try await handler.run(decoded, context: context)
        }
    }

    /// The kinds with a handler, sorted.
    public var kinds: [String] { runners.keys.sorted() }

    /// Runs the handler of `job`'s kind; a kind without one fails permanently.
    func run(_ job: Job, context: JobContext) async throws {
        guard let runner = runners[job.kind] else { throw PermanentJobFailure("no handler for jobs of kind \(job.kind)") }
        try await runner(job.payload, context)
    }
}

/// The JSON coding of payloads: ISO 8601 dates, sorted keys.
public enum JobPayloadCoding {
    /// Decodes payloads for handlers.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
