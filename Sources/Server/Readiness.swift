import Synchronization

/// The verdict of /readyz.
public struct ReadinessReport: Sendable, Equatable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case ready
        /// Serving, without an optional dependency.
        case degraded
        case notReady = "not_ready"
    }

    public let status: Status
    /// Probe name → "ok" or what went wrong.
    public let checks: [String: String]
}

/// Checks every probe concurrently, each within `timeout`.
public struct ReadinessChecker: Sendable {
    public let probes: [any DependencyProbe]
    public let timeout: Duration

    /// A checker over `probes`, each allowed `timeout`.
    public init(probes: [any DependencyProbe], timeout: Duration) {
        self.probes = probes
        self.timeout = timeout
    }

    /// Runs all probes and folds their results into one report.
    public func check() async -> ReadinessReport {
        let results = await withTaskGroup(of: (Int, String?).self) { group in
            for (index, probe) in probes.enumerated() {
                group.addTask {
                    do {
                        try await withTimeout(timeout) { try await probe.check() }
                        return (index, nil)
                    } catch {
                        return (index, String(describing: error))
                    }
                }
            }
            var results = [String?](repeating: nil, count: probes.count)
            for await (index, failure) in group { results[index] = failure }
            return results
        }
        var checks: [String: String] = [:]
        var status = ReadinessReport.Status.ready
        for (probe, failure) in zip(probes, results) {
            checks[probe.name] = failure ?? "ok"
            guard failure != nil else { continue }
            if probe.isRequired {
                status = .notReady
            } else if status == .ready {
                status = .degraded
            }
        }
        return ReadinessReport(status: status, checks: checks)
    }
}

/// Thrown when an operation outlives its time limit.
public struct TimeoutError: Error, CustomStringConvertible {
    public let limit: Duration
    public var description: String { "no answer within \(limit)" }
}

/// Runs `operation`, throwing `TimeoutError` as soon as `limit` passes (the operation is then cancelled).
///
/// Unlike a task group, this does not wait for an operation that ignores cancellation, such as a blocking
/// hiredis call, so /readyz answers on time whatever a dependency does.
public func withTimeout<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let gate = ResumeOnce(continuation)
        let work = Task {
            do { gate.resume(with: .success(try await operation())) } catch { gate.resume(with: .failure(error)) }
        }
        let timer = Task {
            try await Task.sleep(for: limit)
            if gate.resume(with: .failure(TimeoutError(limit: limit))) { work.cancel() }
        }
        gate.onResume { timer.cancel() }
    }
}

/// Resumes a continuation exactly once, whichever of several racers comes first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let state: Mutex<(continuation: CheckedContinuation<T, any Error>?, onResume: (@Sendable () -> Void)?)>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        state = Mutex((continuation, nil))
    }

    /// Resumes if nobody has yet; true if this call did.
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        let taken = state.withLock { state -> (CheckedContinuation<T, any Error>, (@Sendable () -> Void)?)? in
            guard let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.onResume)
        }
        guard let (continuation, onResume) = taken else { return false }
        continuation.resume(with: result)
        onResume?()
        return true
    }

    /// Registers cleanup to run after resumption (at once, if already resumed).
    func onResume(_ action: @escaping @Sendable () -> Void) {
        let alreadyResumed = state.withLock { state -> Bool in
            if state.continuation == nil { return true }
            state.onResume = action
            return false
        }
        if alreadyResumed { action() }
    }
}
