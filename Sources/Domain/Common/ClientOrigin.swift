/// Where a request came from, as recorded in the audit log and used by login throttling.
public struct ClientOrigin: Sendable, Hashable {
    /// The client's IP address as the server saw it (or as a trusted proxy reported it).
    public var address: String?
    /// The User-Agent header, cut to a sane length.
    public var userAgent: String?

    /// An origin; both parts are optional because background jobs and tests have neither.
    public init(address: String? = nil, userAgent: String? = nil) {
        self.address = address
        self.userAgent = userAgent.map { String($0.prefix(300)) }
    }

    /// No origin: work the system does by itself.
    public static let system = ClientOrigin()
}
