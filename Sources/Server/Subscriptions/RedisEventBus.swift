import Domain
import Logging
import Metrics
import Redis

/// The event bus across server instances: a message is published to Redis on the channel `budgetai:events:<topic>`,
/// and every instance whose clients listen to that topic is subscribed to the channel and hands what arrives to its
/// local subscribers. When Redis cannot be reached, messages are delivered in this process only (logged once and
/// counted in `budgetai_events_local_only_total`); clients elsewhere catch up by querying.
public final class RedisEventBus: EventBus {
    public static let channelPrefix = "budgetai:events:"
    private let redis: any RedisClient
    private let local: LocalEventBus
    private let subscriber: RedisSubscriber
    private let logger: Logger
    private let localOnly = Counter(label: "budgetai_events_local_only_total")

    /// A bus publishing through `redis` and listening on a subscriber connection of its own (started here).
    public init(redis: any RedisClient, settings: RedisSettings, logger: Logger) {
        self.redis = redis
        self.logger = logger
        let prefix = Self.channelPrefix
        let deliver = DeliveryTarget()
        let subscriber = RedisSubscriber(
            settings: settings,
            onMessage: { channel, payload in
                guard channel.hasPrefix(prefix) else { return }
                deliver.bus?.deliver(BusMessage(topic: EventTopic(name: String(channel.dropFirst(prefix.count))), payload: payload))
            },
            onStateChange: { state in
                switch state {
                case .connected: logger.info("event bus subscribed through Redis")
                case .disconnected(let error):
                    logger.warning("event bus lost Redis; events from other instances wait until it returns", metadata: ["error": "\(error)"])
                }
            })
        self.subscriber = subscriber
        self.local = LocalEventBus(
            topicOpened: { subscriber.subscribe(prefix + $0.name) },
            topicClosed: { subscriber.unsubscribe(prefix + $0.name) })
        deliver.bus = local
        subscriber.start()
    }

    deinit { subscriber.stop() }

    /// Publishes through Redis, or locally when Redis does not answer.
    public func publish(_ message: BusMessage) async {
        do {
            try await redis.publish(message.payload, to: Self.channelPrefix + message.topic.name)
        } catch {
            localOnly.increment()
            logger.warning("event published in this process only", metadata: ["topic": "\(message.topic)", "error": "\(error)"])
            local.deliver(message)
        }
    }

    /// Subscribes in this process; the first local subscriber of a topic subscribes this instance to its channel.
    public func subscribe(to topic: EventTopic) -> AsyncStream<BusMessage> {
        local.subscribe(to: topic)
    }
}

/// Lets the subscriber's message handler reach the local bus, which is made after the subscriber.
private final class DeliveryTarget: @unchecked Sendable {
    // @unchecked: written once in RedisEventBus.init before the subscriber thread starts, then only read.
    var bus: LocalEventBus?
}
