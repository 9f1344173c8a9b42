import Foundation

extension Process {
    /// Ends the process with SIGKILL and waits for it if it is still running; true when it had to. Foundation traps
    /// on the exit status of a running process, so a test that gave SIGTERM its time calls this before reading it.
    @discardableResult
    func killIfStillRunning() -> Bool {
        guard isRunning else { return false }
        kill(processIdentifier, SIGKILL)
        waitUntilExit()
        return true
    }
}
