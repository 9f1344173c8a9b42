import API
import GraphQLEngine

/// A message a client sends under graphql-transport-ws.
enum TransportWSClientMessage: Equatable {
    case connectionInit(payload: GraphQLObject)
    case ping(payload: GraphQLValue?)
    case pong
    case subscribe(id: String, request: GraphQLRequest)
    case complete(id: String)

    /// Parses one text message; the error's text is the close reason (code 4400).
    static func parse(_ text: String) -> Result<TransportWSClientMessage, TransportWSBadMessage> {
        guard let value = try? JSON.parse(text, maxDepth: 64), case .object(let object) = value else {
            return .failure(TransportWSBadMessage("Invalid message received: not a JSON object"))
        }
        guard case .string(let type)? = object["type"] else {
            return .failure(TransportWSBadMessage("Invalid message received: missing type"))
        }
        func id() -> Result<String, TransportWSBadMessage> {
            guard case .string(let id)? = object["id"], !id.isEmpty else {
                return .failure(TransportWSBadMessage("Invalid message received: \(type) needs a non-empty string id"))
            }
            return .success(id)
        }
        switch type {
        case "connection_init":
            switch object["payload"] ?? .null {
            case .null: return .success(.connectionInit(payload: [:]))
            case .object(let payload): return .success(.connectionInit(payload: payload))
            default: return .failure(TransportWSBadMessage("Invalid message received: connection_init payload must be an object"))
            }
        case "ping":
            return .success(.ping(payload: object["payload"]))
        case "pong":
            return .success(.pong)
        case "subscribe":
            return id().flatMap { id in
                guard case .object(let payload)? = object["payload"] else {
                    return .failure(TransportWSBadMessage("Invalid message received: subscribe needs a payload object"))
                }
                do {
                    let request = try GraphQLRequest(
                        query: payload["query"], operationName: payload["operationName"], variables: payload["variables"],
                        extensions: payload["extensions"])
                    return .success(.subscribe(id: id, request: request))
                } catch let error as GraphQLRequestError {
                    return .failure(TransportWSBadMessage("Invalid message received: \(error.message)"))
                } catch {
                    return .failure(TransportWSBadMessage("Invalid message received: \(error)"))
                }
            }
        case "complete":
            return id().map { .complete(id: $0) }
        default:
            return .failure(TransportWSBadMessage("Invalid message received: unknown type \(type)"))
        }
    }
}

/// Why a client message was refused; its text is the close reason.
struct TransportWSBadMessage: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Messages the server sends, as JSON text.
enum TransportWSServerMessage {
    static func connectionAck() -> String { #"{"type":"connection_ack"}"# }

    static func pong(_ payload: GraphQLValue?) -> String {
        var object: [(String, GraphQLValue)] = [("type", .string("pong"))]
        if let payload, !payload.isNull { object.append(("payload", payload)) }
        return JSON.serialize(.object(GraphQLObject(object)))
    }

    static func next(id: String, _ result: ExecutionResult) -> String {
        JSON.serialize(.object(["id": .string(id), "type": .string("next"), "payload": result.response]))
    }

    static func error(id: String, _ errors: [GraphQLError]) -> String {
        JSON.serialize(.object(["id": .string(id), "type": .string("error"), "payload": .list(errors.map(\.responseValue))]))
    }

    static func complete(id: String) -> String {
        JSON.serialize(.object(["id": .string(id), "type": .string("complete")]))
    }
}
