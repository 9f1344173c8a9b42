/// A message that could not be sent: libcurl's error, and the SMTP server's last reply code (0 when it never
/// answered, such as when the connection failed).
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libcurl's CURLcode.
    public let curlCode: Int
    /// The server's last reply (250, 550, ...), or 0.
    public let replyCode: Int
    public let message: String

    /// A reply that says this recipient will never accept the message (mailbox unavailable, not local, or a name
    /// the server refuses): sending again cannot help. Other failures, 4xx replies and network trouble, are retried.
    public var isPermanent: Bool {
        [550, 551, 553].contains(replyCode)
    }

    public var description: String {
        replyCode == 0 ? message : "\(message) (SMTP reply \(replyCode))"
    }
}
