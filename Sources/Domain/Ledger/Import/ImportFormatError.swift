/// Why a statement file could not be read: the line at fault and a message telling the user what to fix.
public struct ImportFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the problem; 0 when it concerns the settings rather than a line of the file.
    public let line: Int
    /// User-facing explanation, starting with "line N: " when a line is at fault.
    public let message: String

    /// An error with the message exactly as given.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// An error at `line` whose message is `problem` prefixed with "line N: ".
    init(line: Int, problem: String) {
        self.init(line: line, message: "line \(line): \(problem)")
    }

    /// An error about the import settings, not about a line of the file.
    init(setting problem: String) {
        self.init(line: 0, message: problem)
    }

    /// The message.
    public var description: String { message }
}
