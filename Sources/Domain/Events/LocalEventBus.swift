import Foundation
import Synchronization

/// The in-process bus: subscribers in this process only. It is also the delivery half of the Redis bus, which hands
/// every message that arrives from Redis to a local bus.
public final class LocalEventBus: EventBus {
    private let state = Mutex(State())
    private let topicOpened: @Sendable (EventTopic) -> Void
    private let topicClosed: @Sendable (EventTopic) -> Void

    private struct State {
        var subscribers: [EventTopic: [UInt64: AsyncStream<BusMessage>.Continuation]] = [:]
        var nextID: UInt64 = 0
    }

    /// An empty bus; `topicOpened` and `topicClosed` hear when a topic gets its first subscriber and loses its last
    /// (the Redis bus subscribes to and leaves the topic's channel then). They are called under the bus's lock, in
    /// order, so they must only hand the news on.
    public init(
        topicOpened: @escaping @Sendable (EventTopic) -> Void = { _ in }, topicClosed: @escaping @Sendable (EventTopic) -> Void = { _ in }
    ) {
        self.topicOpened = topicOpened
        self.topicClosed = topicClosed
    }

    /// Delivers `message` to this process's subscribers of its topic.
    public func publish(_ message: BusMessage) async {
        deliver(message)
    }

    /// Synchronous delivery, for callers that are not async (the Redis reader thread).
    public func deliver(_ message: BusMessage) {
        let continuations = state.withLock { state in state.subscribers[message.topic].map { Array($0.values) } ?? [] }
        for continuation in continuations { continuation.yield(message) }
    }

    /// Subscribes to `topic` in this process.
    public func subscribe(to topic: EventTopic) -> AsyncStream<BusMessage> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: BusMessage.self, bufferingPolicy: .bufferingNewest(EventBusLimits.bufferedMessages))
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            if state.subscribers[topic] == nil { topicOpened(topic) }
            state.subscribers[topic, default: [:]][state.nextID] = continuation
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id, from: topic) }
        return stream
    }

    /// How many subscriptions are open, over all topics.
    public var subscriberCount: Int { state.withLock { $0.subscribers.values.reduce(0) { $0 + $1.count } } }

    private func remove(_ id: UInt64, from topic: EventTopic) {
        state.withLock { state in
            state.subscribers[topic]?[id] = nil
            if state.subscribers[topic]?.isEmpty == true {
                state.subscribers[topic] = nil
                topicClosed(topic)
            }
        }
    }
}
