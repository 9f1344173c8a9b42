import Foundation

/// What one `remindUpcomingBills` run did.
public struct BillReminderRun: Sendable, Hashable {
    /// Workspaces whose recurring rules were read.
    public let workspacesScanned: Int
    /// Occurrences found due within the window (before once-keys and preferences).
    public let dueOccurrences: Int
    /// Reminders written to in-app lists by this run (a second run over the same window writes none).
    public let notificationsWritten: Int
    /// Workspaces that could not be read (say, dropped during the run); the next run tries them again.
    public let failedWorkspaces: [UUID]

    /// A run's figures.
    public init(workspacesScanned: Int, dueOccurrences: Int, notificationsWritten: Int, failedWorkspaces: [UUID]) {
        self.workspacesScanned = workspacesScanned
        self.dueOccurrences = dueOccurrences
        self.notificationsWritten = notificationsWritten
        self.failedWorkspaces = failedWorkspaces
    }
}
