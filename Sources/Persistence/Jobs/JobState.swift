/// Where a job is in its life: queued → running → succeeded, back to queued after a failure, dead when its attempts
/// are used up (or its failure cannot be retried).
public enum JobState: String, Sendable, CaseIterable, Codable {
    case queued
    case running
    case succeeded
    case dead
}
