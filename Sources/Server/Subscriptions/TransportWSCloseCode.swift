/// The close codes of the graphql-transport-ws protocol (graphql-ws, PROTOCOL.md), with the reasons sent.
public enum TransportWSCloseCode: UInt16, Sendable {
    /// A message that is not JSON, has no known `type`, or lacks a required field.
    case badRequest = 4400
    /// `subscribe` before `connection_ack`.
    case unauthorized = 4401
    /// `connection_init` carried credentials that do not verify.
    case forbidden = 4403
    /// The client did not offer the `graphql-transport-ws` subprotocol.
    case subprotocolNotAcceptable = 4406
    /// No `connection_init` within the init timeout.
    case connectionInitialisationTimeout = 4408
    /// `subscribe` with an id that is already running.
    case subscriberAlreadyExists = 4409
    /// A second `connection_init`.
    case tooManyInitialisationRequests = 4429
    /// The server failed.
    case internalServerError = 4500
}
