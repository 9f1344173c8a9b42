import API
import Domain
import Foundation
import GraphQLEngine
import HummingbirdWebSocket
import Logging
import NIOWebSocket
import Synchronization

/// One WebSocket connection speaking graphql-transport-ws: `connection_init` (with the access token) →
/// `connection_ack`, then any number of `subscribe` operations, each answered with `next` messages and a `complete`,
/// or an `error`. Every message is checked, and a broken rule closes the socket with the protocol's code. Guards and
/// the query-cost rate limit apply to every operation as they do over HTTP.
final class TransportWSConnection: Sendable {
    /// The subprotocol this connection speaks.
    static let subprotocol = "graphql-transport-ws"
    /// Operations one connection may run at once.
    static let maxOperations = 100

    let endpoint: GraphQLEndpoint
    let clientAddress: String?
    /// `Authorization` of the upgrade request, for clients that can set headers (browsers send the token in
    /// `connection_init` instead).
    let upgradeAuthorization: String?
    let initTimeout: Duration
    let logger: Logger
    private let state = Mutex(State())
    private let outgoing: AsyncStream<Outgoing>.Continuation
    private let outgoingStream: AsyncStream<Outgoing>

    private struct State {
        var initReceived = false
        var context: RequestContext?
        var operations: [String: Task<Void, Never>] = [:]
        var closing = false
        /// Closes the connection when its access token expires.
        var expiry: Task<Void, Never>?
    }

    /// What the writer sends next.
    enum Outgoing: Sendable {
        case text(String)
        case close(TransportWSCloseCode, String)
    }

    init(endpoint: GraphQLEndpoint, clientAddress: String?, upgradeAuthorization: String?, initTimeout: Duration, logger: Logger) {
        self.endpoint = endpoint
        self.clientAddress = clientAddress
        self.upgradeAuthorization = upgradeAuthorization
        self.initTimeout = initTimeout
        self.logger = logger
        (outgoingStream, outgoing) = AsyncStream.makeStream(of: Outgoing.self)
    }

    private enum Part { case reader, writer, timer }

    /// Serves the connection until either side closes it; every running operation is cancelled then.
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        await withTaskGroup(of: Part.self) { group in
            group.addTask { [outgoingStream] in
                for await item in outgoingStream {
                    switch item {
                    case .text(let text):
                        do { try await outbound.write(.text(text)) } catch { return .writer }
                    case .close(let code, let reason):
                        try? await outbound.close(WebSocketErrorCode(codeNumber: Int(code.rawValue)), reason: reason)
                        return .writer
                    }
                }
                return .writer
            }
            group.addTask { [self] in
                try? await Task.sleep(for: initTimeout)
                if !Task.isCancelled, !state.withLock({ $0.initReceived }) {
                    close(.connectionInitialisationTimeout, "Connection initialisation timeout")
                }
                return .timer
            }
            group.addTask { [self] in
                do {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else {
                            close(.badRequest, "Invalid message received: binary messages are not part of the protocol")
                            break
                        }
                        if !(await handle(text)) { break }
                    }
                } catch {
                    // A broken socket or an oversized message ends the connection like a close.
                }
                return .reader
            }
            // The writer ends the connection: it returns after the close frame, or once the reader has stopped and
            // everything queued is written. Cancelling it as soon as the reader stops could drop a close frame the
            // reader had just queued (and the client would wait for it until the socket's close timeout).
            while let part = await group.next() {
                if part == .writer { break }
                if part == .reader { outgoing.finish() }
            }
            group.cancelAll()
        }
        let operations = state.withLock { state -> [Task<Void, Never>] in
            state.closing = true
            defer { state.operations = [:] }
            return Array(state.operations.values) + [state.expiry].compactMap { $0 }
        }
        for operation in operations { operation.cancel() }
        outgoing.finish()
    }

    /// Sends a close frame (once) and stops taking messages.
    func close(_ code: TransportWSCloseCode, _ reason: String) {
        let first = state.withLock { state -> Bool in
            defer { state.closing = true }
            return !state.closing
        }
        if first { outgoing.yield(.close(code, reason)) }
    }

    private func send(_ text: String) { outgoing.yield(.text(text)) }

    /// Handles one client message; false once the connection is closing.
    private func handle(_ text: String) async -> Bool {
        let message: TransportWSClientMessage
        switch TransportWSClientMessage.parse(text) {
        case .success(let parsed): message = parsed
        case .failure(let bad):
            close(.badRequest, bad.reason)
            return false
        }
        switch message {
        case .connectionInit(let payload):
            return await initialise(payload)
        case .ping(let payload):
            send(TransportWSServerMessage.pong(payload))
        case .pong:
            break
        case .subscribe(let id, let request):
            return await subscribe(id: id, request: request)
        case .complete(let id):
            let operation = state.withLock { $0.operations.removeValue(forKey: id) }
            operation?.cancel()
        }
        return !state.withLock { $0.closing }
    }

    /// `connection_init`: verifies the token (payload `authorization`/`Authorization` as `Bearer <token>`, or
    /// `token`; else the upgrade request's header) and acknowledges. No token means an anonymous connection.
    private func initialise(_ payload: GraphQLObject) async -> Bool {
        let repeated = state.withLock { state -> Bool in
            defer { state.initReceived = true }
            return state.initReceived
        }
        if repeated {
            close(.tooManyInitialisationRequests, "Too many initialisation requests")
            return false
        }
        var authorization = upgradeAuthorization
        if case .string(let value)? = payload["authorization"] ?? payload["Authorization"] {
            authorization = value
        } else if case .string(let token)? = payload["token"] {
            authorization = "Bearer \(token)"
        }
        let claims: AccessClaims?
        switch endpoint.bearer(authorization) {
        case .absent: claims = nil
        case .verified(let verified): claims = verified
        case .malformed, .rejected:
            close(.forbidden, "Forbidden")
            return false
        }
        let context = RequestContext(
            services: endpoint.services, claims: claims, origin: ClientOrigin(address: clientAddress, userAgent: nil))
        // A connection is only as good as its token: when the token expires, the connection closes with 4403, which
        // graphql-ws clients retry, asking their connection parameters (a fresh token) again. Running operations
        // would otherwise go on answering for an identity nobody vouches for any more.
        let expiry = claims.map { claims in
            Task { [self] in
                try? await Task.sleep(for: .seconds(max(0, claims.expiresAt.timeIntervalSinceNow)))
                if !Task.isCancelled { close(.forbidden, "Forbidden: the access token expired") }
            }
        }
        state.withLock {
            $0.context = context
            $0.expiry = expiry
        }
        send(TransportWSServerMessage.connectionAck())
        return true
    }

    /// `subscribe`: runs the operation (a subscription streams; a query or mutation answers once), under the same
    /// document cache, limits, guards and rate limit as HTTP.
    private func subscribe(id: String, request: GraphQLRequest) async -> Bool {
        guard let context = state.withLock({ $0.context }) else {
            close(.unauthorized, "Unauthorized")
            return false
        }
        enum Admission { case admitted, duplicate, full }
        let admission = state.withLock { state -> Admission in
            if state.operations[id] != nil { return .duplicate }
            if state.operations.count >= Self.maxOperations { return .full }
            // Reserve the id at once, so a second subscribe with it is a duplicate even before the first starts.
            state.operations[id] = Task {}
            return .admitted
        }
        switch admission {
        case .duplicate:
            close(.subscriberAlreadyExists, "Subscriber for \(id) already exists")
            return false
        case .full:
            send(TransportWSServerMessage.error(id: id, [GraphQLError(
                "This connection already runs \(Self.maxOperations) operations; complete some first.",
                extensions: ["code": ErrorCode.rateLimited.rawValue])]))
            _ = state.withLock { $0.operations.removeValue(forKey: id) }
            return true
        case .admitted:
            break
        }
        let task = Task { [self] in
            await operate(id: id, request: request, context: context)
            _ = state.withLock { $0.operations.removeValue(forKey: id) }
        }
        state.withLock { state in
            if state.operations[id] != nil { state.operations[id] = task }
        }
        return true
    }

    private func operate(id: String, request: GraphQLRequest, context: RequestContext) async {
        let service = endpoint.service
        let prepared: PreparedRequest
        switch service.prepare(request) {
        case .ready(let ready): prepared = ready
        case .finished(let outcome):
            send(TransportWSServerMessage.error(id: id, Self.errors(of: outcome)))
            return
        }
        let gate = endpoint.rateLimit
        let buckets = await gate.buckets(
            userID: context.claims?.userID, address: clientAddress, workspaceIDs: prepared.workspaceIDs())
        if let decision = await gate.acquire(cost: prepared.cost.requested, from: buckets), !decision.admitted {
            send(TransportWSServerMessage.error(id: id, [RateLimitGate.refusal(decision, cost: prepared.cost.requested)]))
            return
        }
        guard prepared.operation?.operation == .subscription else {
            let outcome = await service.run(prepared, context: context)
            guard !Task.isCancelled else { return }
            if case .executed(let result) = outcome {
                send(TransportWSServerMessage.next(id: id, result))
                send(TransportWSServerMessage.complete(id: id))
            } else {
                send(TransportWSServerMessage.error(id: id, Self.errors(of: outcome)))
            }
            return
        }
        let outcome = await GraphQLEngine.subscribe(
            schema: service.executable, document: prepared.document, operationName: request.operationName,
            variables: request.variables, context: context)
        switch outcome {
        case .failed(let result):
            send(TransportWSServerMessage.error(id: id, result.errors.map { GraphQLService.coded($0, default: "BAD_USER_INPUT") }))
        case .stream(let responses):
            for await response in responses {
                guard !Task.isCancelled else { return }
                send(TransportWSServerMessage.next(id: id, response))
            }
            if !Task.isCancelled { send(TransportWSServerMessage.complete(id: id)) }
        }
    }

    private static func errors(of outcome: GraphQLOutcome) -> [GraphQLError] {
        switch outcome {
        case .executed(let result): return result.errors
        case .rejected(let errors), .methodNotAllowed(let errors): return errors
        }
    }
}
