@testable import GraphQLEngine
import Synchronization
import Testing

/// A value shared between tasks.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

@Suite(.timeLimit(.minutes(1))) struct SubscriptionTests {
    @Test func eventsAreExecutedAndLeavingStopsTheSource() async throws {
        let schema = try buildSchema("""
            type Query { a: Int }
            type Subscription { transactionAdded(workspaceId: ID!): Transaction! }
            type Transaction { id: ID! amount: String! }
            """)
        let terminated = Shared(false)
        let produced = Shared(0)
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.subscribe("transactionAdded") { input in
            #expect(input.arguments["workspaceId"] == "w1")
            return AsyncThrowingStream { continuation in
                let task = Task {
                    var i = 0
                    while !Task.isCancelled {
                        i += 1
                        produced.value = i
                        continuation.yield(.value(["id": .string("t\(i)"), "amount": "1.00"]))
                        try? await Task.sleep(for: .milliseconds(5))
                    }
                }
                continuation.onTermination = { _ in
                    task.cancel()
                    terminated.value = true
                }
            }
        }
        let executable = try builder.build()
        let document = try parse("subscription { transactionAdded(workspaceId: \"w1\") { id } }")
        guard case .stream(let stream) = await subscribe(schema: executable, document: document) else {
            Issue.record("no stream")
            return
        }
        // The client reads two events, then leaves: its task is cancelled.
        let twoReceived = Gate()
        let consumer = Task {
            var received: [GraphQLValue] = []
            for await response in stream {
                received.append(response.data ?? .null)
                if received.count == 2 { await twoReceived.open() }
            }
            return received
        }
        await twoReceived.wait()
        consumer.cancel()
        let received = await consumer.value
        #expect(Array(received.prefix(2)) == [["transactionAdded": ["id": "t1"]], ["transactionAdded": ["id": "t2"]]])
        // Cancelling the consumer ends the source stream.
        var waited = 0
        while !terminated.value && waited < 200 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(terminated.value)
        let producedAtEnd = produced.value
        try await Task.sleep(for: .milliseconds(50))
        #expect(produced.value == producedAtEnd)
    }

    @Test func subscribingWithoutASourceIsAnError() async throws {
        let schema = ExecutableSchema(schema: try buildSchema("type Query { a: Int } type Subscription { ticks: Int }"))
        guard case .failed(let result) = await subscribe(schema: schema, document: try parse("subscription { ticks }")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(result.errors.map(\.message) == ["Subscription field \"ticks\" has no source stream."])
    }
}
