import Foundation
import Synchronization
import Testing
@testable import Redis

/// Pub/sub against the real Redis of scripts/stack.sh (REDIS_URL).
@Suite struct RedisSubscriberTests {
    let settings: RedisSettings

    init() throws {
        settings = try RedisSettings(url: ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:63799/0")
    }

    /// Messages and state changes, received on the subscriber's thread.
    final class Inbox: Sendable {
        let messages = Mutex<[(String, String)]>([])
        let states = Mutex<[RedisSubscriber.State]>([])

        func waitFor(_ count: Int) async throws -> [(String, String)] {
            for _ in 0..<500 {
                let current = messages.withLock { $0 }
                if current.count >= count { return current }
                try await Task.sleep(for: .milliseconds(10))
            }
            return messages.withLock { $0 }
        }

        func waitForConnects(_ count: Int) async throws {
            for _ in 0..<500 {
                if states.withLock({ $0.filter { $0 == .connected }.count }) >= count { return }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    private func subscriber(_ inbox: Inbox, name: String = "budgetai-test-\(UUID().uuidString.prefix(8))") -> RedisSubscriber {
        RedisSubscriber(
            settings: settings, clientName: name,
            onMessage: { channel, payload in inbox.messages.withLock { $0.append((channel, String(decoding: payload, as: UTF8.self))) } },
            onStateChange: { state in inbox.states.withLock { $0.append(state) } })
    }

    /// Publishes until at least `receivers` subscribers have the channel (SUBSCRIBE is asynchronous).
    private func publishWhenSubscribed(_ pool: RedisConnectionPool, _ payload: String, to channel: String, receivers: Int = 1) async throws {
        for _ in 0..<500 {
            let counts = try await pool.send(["PUBSUB", "NUMSUB", channel])
            if case .array(let parts) = counts, parts.count == 2, (parts[1].int ?? 0) >= receivers { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await pool.publish(Array(payload.utf8), to: channel) == receivers)
    }

    @Test func receivesOnlyItsChannelsUntilUnsubscribed() async throws {
        let inbox = Inbox()
        let subscriber = subscriber(inbox)
        defer { subscriber.stop() }
        subscriber.start()
        let pool = RedisConnectionPool(settings: settings, size: 1)
        let mine = "budgetai:test:\(UUID().uuidString)"
        let other = "budgetai:test:\(UUID().uuidString)"
        subscriber.subscribe(mine)
        try await publishWhenSubscribed(pool, "one", to: mine)
        _ = try await pool.publish(Array("not mine".utf8), to: other)
        try await publishWhenSubscribed(pool, "two\r\nbytes", to: mine)
        let received = try await inbox.waitFor(2)
        #expect(received.map(\.0) == [mine, mine])
        #expect(received.map(\.1) == ["one", "two\r\nbytes"])

        subscriber.unsubscribe(mine)
        for _ in 0..<500 {
            let counts = try await pool.send(["PUBSUB", "NUMSUB", mine])
            if case .array(let parts) = counts, parts.count == 2, parts[1].int == 0 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await pool.publish(Array("after".utf8), to: mine) == 0)
    }

    @Test func resubscribesAfterTheConnectionIsKilled() async throws {
        let inbox = Inbox()
        let name = "budgetai-test-\(UUID().uuidString.prefix(8))"
        let subscriber = subscriber(inbox, name: name)
        defer { subscriber.stop() }
        subscriber.start()
        let pool = RedisConnectionPool(settings: settings, size: 1)
        let channel = "budgetai:test:\(UUID().uuidString)"
        subscriber.subscribe(channel)
        try await publishWhenSubscribed(pool, "before", to: channel)
        try await inbox.waitForConnects(1)

        // Kill the subscriber's connection (found by its name): it must notice, reconnect and subscribe again.
        let clients = try await pool.send(["CLIENT", "LIST", "TYPE", "pubsub"]).string ?? ""
        let ids = clients.split(separator: "\n").filter { $0.contains(" name=\(name) ") }.compactMap { line -> String? in
            line.split(separator: " ").first { $0.hasPrefix("id=") }.map { String($0.dropFirst(3)) }
        }
        #expect(ids.count == 1)
        for id in ids { _ = try await pool.send(["CLIENT", "KILL", "ID", id]) }
        try await inbox.waitForConnects(2)
        try await publishWhenSubscribed(pool, "after", to: channel)
        let received = try await inbox.waitFor(2)
        #expect(received.map(\.1) == ["before", "after"])
        let states = inbox.states.withLock { $0 }
        #expect(states.first == .connected)
        #expect(states.contains { if case .disconnected = $0 { return true } else { return false } })
    }
}
