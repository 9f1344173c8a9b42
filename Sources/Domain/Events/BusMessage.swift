/// One event as it travels: its topic and a JSON payload that subscribers decode. The payload carries the whole
/// record (not only its id), so fanning one event out to thousands of subscribers reads nothing from the database.
public struct BusMessage: Sendable, Equatable {
    public let topic: EventTopic
    /// UTF-8 JSON.
    public let payload: [UInt8]

    /// A message on `topic` carrying `payload`.
    public init(topic: EventTopic, payload: [UInt8]) {
        self.topic = topic
        self.payload = payload
    }
}
