import Metrics

/// swift-metrics counters of job outcomes, by kind (exported on /metrics by `serve`).
enum JobMetrics {
    static func succeeded(kind: String) {
        Counter(label: "budgetai_jobs_succeeded_total", dimensions: [("kind", kind)]).increment()
    }

    /// Every failed run, retried or not.
    static func failed(kind: String) {
        Counter(label: "budgetai_jobs_failed_total", dimensions: [("kind", kind)]).increment()
    }

    /// Jobs that ran out of attempts or failed permanently.
    static func dead(kind: String) {
        Counter(label: "budgetai_jobs_dead_total", dimensions: [("kind", kind)]).increment()
    }
}
