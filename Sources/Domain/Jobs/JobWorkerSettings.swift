import Foundation
import Persistence

/// How a worker polls and holds jobs.
public struct JobWorkerSettings: Sendable {
    /// The worker's name in `locked_by`: host, process id and a random part, unique per worker.
    public var name: String
    /// Jobs run at the same time.
    public var concurrency: Int
    /// How long the worker sleeps when the queue has nothing due for it.
    public var idleInterval: Duration
    /// How long a claim holds a job; a running job's lease is renewed every `lease / 3`, so only a worker that stopped
    /// or hangs loses it.
    public var lease: Duration
    /// Backoff after failures.
    public var retryPolicy: JobRetryPolicy

    /// Settings; the defaults suit a server: 4 jobs at once, a 1 s idle poll, a 60 s lease.
    public init(
        name: String = JobWorkerSettings.defaultName(), concurrency: Int = 4, idleInterval: Duration = .seconds(1),
        lease: Duration = .seconds(60), retryPolicy: JobRetryPolicy = JobRetryPolicy()
    ) {
        self.name = name
        self.concurrency = max(1, concurrency)
        self.idleInterval = idleInterval
        self.lease = max(lease, .seconds(1))
        self.retryPolicy = retryPolicy
    }

    /// `host:pid:random`.
    public static func defaultName() -> String {
        let host = ProcessInfo.processInfo.hostName.prefix(100)
        return "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// How often leases are renewed and expired ones taken back.
    var maintenanceInterval: Duration { lease / 3 }
}
