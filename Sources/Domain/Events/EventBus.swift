/// Where domain services announce what happened. Publishing never throws: an event that cannot be delivered is
/// logged and dropped, because the record it describes is already committed and readable (a client that missed it
/// catches up by querying, for example `notifications(after:)`). Publish only after the write has committed.
public protocol EventPublisher: Sendable {
    /// Delivers `message` to every current subscriber of its topic, on this instance and on the others.
    func publish(_ message: BusMessage) async
}

/// A publisher that can also be listened to.
public protocol EventBus: EventPublisher {
    /// The messages published on `topic` from now on, until the stream is dropped or cancelled. A subscriber that
    /// falls more than `EventBusLimits.bufferedMessages` behind loses the oldest.
    func subscribe(to topic: EventTopic) -> AsyncStream<BusMessage>
}

/// Bounds shared by the bus implementations.
public enum EventBusLimits {
    /// Messages kept for one slow subscriber before the oldest are dropped.
    public static let bufferedMessages = 256
}
