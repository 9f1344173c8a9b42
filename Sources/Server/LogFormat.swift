/// How log lines are written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's human-readable stream format.
    case text
    /// One JSON object per line, for log collectors.
    case json
}
