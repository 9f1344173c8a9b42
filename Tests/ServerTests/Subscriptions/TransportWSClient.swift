import Foundation
import GraphQLEngine
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization

/// A graphql-transport-ws client for tests: it runs `script` with a connection it can send on and read from, and
/// returns the close code the server sent (nil when the client closed first).
struct TransportWSTestClient {
    /// What the script talks through.
    final class Connection: @unchecked Sendable {
        // @unchecked: a script reads from one task at a time, in order.
        let outbound: WebSocketOutboundWriter
        private var messages: WebSocketInboundMessageStream.AsyncIterator

        init(outbound: WebSocketOutboundWriter, messages: WebSocketInboundMessageStream.AsyncIterator) {
            self.outbound = outbound
            self.messages = messages
        }

        /// Sends a JSON message.
        func send(_ value: GraphQLValue) async throws {
            try await outbound.write(.text(JSON.serialize(value)))
        }

        /// Sends raw text.
        func sendText(_ text: String) async throws {
            try await outbound.write(.text(text))
        }

        /// The next message parsed as JSON; nil when the connection closed.
        func next() async throws -> GraphQLValue? {
            let message = try await messages.next()
            guard case .text(let text)? = message else { return nil }
            return try JSON.parse(text)
        }

        /// Reads until a message of `type` arrives (skipping pings), failing after `limit` messages.
        func next(ofType type: String, limit: Int = 20) async throws -> GraphQLValue? {
            for _ in 0..<limit {
                guard let message = try await next() else { return nil }
                if message["type"] == .string(type) { return message }
            }
            return nil
        }
    }

    let port: Int

    /// Connects, runs `script`, and returns the server's close code; throws `TransportWSTestClientError.noAnswer`
    /// when that takes longer than `timeout` (a message or a close that never comes fails the test, not the run).
    @discardableResult
    func run(timeout: Duration = .seconds(30), _ script: @escaping @Sendable (Connection) async throws -> Void) async throws -> Int? {
        let session = Task { try await connect(script) }
        // Resumed by whichever ends first. The session is only cancelled on timeout, and is not awaited then: a
        // client stuck below its async API must not hang the test.
        let pending = PendingAnswer()
        return try await withCheckedThrowingContinuation { continuation in
            pending.slot.withLock { $0 = continuation }
            Task {
                let result: Result<Int?, any Error>
                do { result = .success(try await session.value) } catch { result = .failure(error) }
                pending.slot.withLock { $0.take() }?.resume(with: result)
            }
            Task {
                try? await Task.sleep(for: timeout)
                guard let waiting = pending.slot.withLock({ $0.take() }) else { return }
                session.cancel()
                waiting.resume(throwing: TransportWSTestClientError.noAnswer(after: timeout))
            }
        }
    }

    private final class PendingAnswer: Sendable {
        let slot = Mutex<CheckedContinuation<Int?, any Error>?>(nil)
    }

    private func connect(_ script: @escaping @Sendable (Connection) async throws -> Void) async throws -> Int? {
        var headers = HTTPFields()
        headers[.secWebSocketProtocol] = "graphql-transport-ws"
        let frame = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/graphql", configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers),
            logger: Logger(label: "ws-test")
        ) { inbound, outbound, _ in
            try await script(Connection(outbound: outbound, messages: inbound.messages(maxSize: 1 << 20).makeAsyncIterator()))
        }
        return frame.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }
    }

    static func initMessage(token: String?) -> GraphQLValue {
        guard let token else { return .object(["type": "connection_init"]) }
        return .object(["type": "connection_init", "payload": .object(["authorization": .string("Bearer \(token)")])])
    }

    static func subscribe(id: String, _ query: String, variables: GraphQLObject = [:]) -> GraphQLValue {
        .object(["id": .string(id), "type": "subscribe", "payload": .object(["query": .string(query), "variables": .object(variables)])])
    }
}

enum TransportWSTestClientError: Error, CustomStringConvertible {
    case noAnswer(after: Duration)

    var description: String {
        switch self {
        case .noAnswer(let timeout): "the WebSocket session did not end within \(timeout)"
        }
    }
}

extension GraphQLValue {
    /// The item at `index` of a list; nil otherwise.
    subscript(_ index: Int) -> GraphQLValue? {
        guard case .list(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
