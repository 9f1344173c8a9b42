import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the client's address (for the audit log and
/// login throttling).
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, without the port.
    public var clientAddress: String? { remoteAddress?.ipAddress }
}
