import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

extension GraphQLEndpoint {
    /// Decides a WebSocket upgrade request: GET /graphql offering the `graphql-transport-ws` subprotocol upgrades and is
    /// served by a `TransportWSConnection`; other paths stay HTTP. A client that does not offer the subprotocol is
    /// upgraded and closed at once with 4406, as graphql-ws servers do, so it learns why.
    func webSocketUpgrade(
        _ request: HTTPRequest, channel: any Channel, initTimeout: Duration, logger: Logger
    ) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard request.path?.split(separator: "?").first.map(String.init) == GraphQLPath.endpoint else { return .dontUpgrade }
        let offered = (request.headerFields[.secWebSocketProtocol] ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let speaksProtocol = offered.contains(TransportWSConnection.subprotocol)
        var headers = HTTPFields()
        if speaksProtocol { headers[.secWebSocketProtocol] = TransportWSConnection.subprotocol }
        let connection = TransportWSConnection(
            endpoint: self, clientAddress: channel.remoteAddress?.ipAddress,
            upgradeAuthorization: request.headerFields[.authorization], initTimeout: initTimeout, logger: logger)
        return .upgrade(headers) { inbound, outbound, _ in
            guard speaksProtocol else {
                try await outbound.close(.init(codeNumber: Int(TransportWSCloseCode.subprotocolNotAcceptable.rawValue)), reason: "Subprotocol not acceptable")
                return
            }
            await connection.run(inbound: inbound, outbound: outbound)
        }
    }
}
