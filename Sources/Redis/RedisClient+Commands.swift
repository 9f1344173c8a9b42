extension RedisClient {
    /// PING; returns the server's answer ("PONG").
    @discardableResult
    public func ping() async throws(RedisError) -> String {
        let reply = try await send(["PING"])
        guard let text = reply.string else { throw .unexpectedReply(command: "PING", reply: "\(reply)") }
        return text
    }

    /// GET; nil when the key does not exist.
    public func get(_ key: String) async throws(RedisError) -> String? {
        let reply = try await send(["GET", key])
        if reply == .null { return nil }
        guard let text = reply.string else { throw .unexpectedReply(command: "GET", reply: "\(reply)") }
        return text
    }

    /// SET, with an optional expiry in whole seconds.
    public func set(_ key: String, to value: String, expiresInSeconds: Int? = nil) async throws(RedisError) {
        var arguments = ["SET", key, value]
        if let expiresInSeconds { arguments += ["EX", String(expiresInSeconds)] }
        let reply = try await send(arguments)
        guard reply == .simpleString("OK") else { throw .unexpectedReply(command: "SET", reply: "\(reply)") }
    }

    /// INCRBY (INCR when `amount` is 1); returns the new value.
    @discardableResult
    public func increment(_ key: String, by amount: Int = 1) async throws(RedisError) -> Int {
        let reply = try await send(["INCRBY", key, String(amount)])
        guard case .integer(let value) = reply else { throw .unexpectedReply(command: "INCRBY", reply: "\(reply)") }
        return value
    }

    /// EXPIRE in seconds; false when the key does not exist.
    @discardableResult
    public func expire(_ key: String, seconds: Int) async throws(RedisError) -> Bool {
        let reply = try await send(["EXPIRE", key, String(seconds)])
        guard case .integer(let value) = reply else { throw .unexpectedReply(command: "EXPIRE", reply: "\(reply)") }
        return value == 1
    }

    /// DEL; returns how many keys were removed.
    @discardableResult
    public func delete(_ keys: [String]) async throws(RedisError) -> Int {
        let reply = try await send(["DEL"] + keys)
        guard case .integer(let value) = reply else { throw .unexpectedReply(command: "DEL", reply: "\(reply)") }
        return value
    }
}

extension RedisClient {
    /// PUBLISH; returns how many subscribers (over all server instances) received the message.
    @discardableResult
    public func publish(_ payload: [UInt8], to channel: String) async throws(RedisError) -> Int {
        let reply = try await send([Array("PUBLISH".utf8), Array(channel.utf8), payload])
        guard case .integer(let receivers) = reply else { throw .unexpectedReply(command: "PUBLISH", reply: "\(reply)") }
        return receivers
    }
}
