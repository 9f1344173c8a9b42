import Foundation
import XCTest
@testable import Redis

/// Against the real Redis of scripts/stack.sh (REDIS_URL).
final class RedisConnectionTests: XCTestCase {
    static let url = ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:63799/0"

    private func connection() throws -> RedisConnection {
        RedisConnection(settings: try RedisSettings(url: Self.url))
    }

    private func uniqueKey() -> String { "budgetai:test:\(UUID().uuidString)" }

    func testPing() async throws {
        let pong = try await connection().ping()
        XCTAssertEqual(pong, "PONG")
    }

    func testSetGetExpireDelete() async throws {
        let redis = try connection()
        let key = uniqueKey()
        let missing = try await redis.get(key)
        XCTAssertNil(missing)
        // Binary-safe arguments: spaces, newlines and quotes go through unchanged.
        let value = "a value with spaces\r\nand \"quotes\" and ü"
        try await redis.set(key, to: value, expiresInSeconds: 60)
        let read = try await redis.get(key)
        XCTAssertEqual(read, value)
        let ttl = try await redis.send(["TTL", key]).int
        XCTAssertTrue((1...60).contains(ttl ?? -1), "ttl \(String(describing: ttl))")
        let expired = try await redis.expire(key, seconds: 120)
        XCTAssertTrue(expired)
        let removed = try await redis.delete([key])
        XCTAssertEqual(removed, 1)
        let gone = try await redis.get(key)
        XCTAssertNil(gone)
    }

    func testIncrementCounts() async throws {
        let redis = try connection()
        let key = uniqueKey()
        let first = try await redis.increment(key)
        let second = try await redis.increment(key, by: 41)
        XCTAssertEqual([first, second], [1, 42])
        try await redis.delete([key])
    }

    func testServerErrorIsTyped() async throws {
        let redis = try connection()
        let key = uniqueKey()
        try await redis.set(key, to: "not a number")
        do {
            try await redis.increment(key)
            XCTFail("INCR on text must fail")
        } catch {
            guard case .server(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("not an integer"), message)
        }
        // The connection stays usable after an error reply.
        try await redis.delete([key])
    }

    func testArraysAndNulls() async throws {
        let redis = try connection()
        let key = uniqueKey()
        try await redis.set(key, to: "1")
        let reply = try await redis.send(["MGET", key, uniqueKey()])
        XCTAssertEqual(reply, .array([.bulkString(Array("1".utf8)), .null]))
        try await redis.delete([key])
    }

    func testConcurrentCallersAreSerialised() async throws {
        let redis = try connection()
        let key = uniqueKey()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 { group.addTask { try await redis.increment(key) } }
            try await group.waitForAll()
        }
        let total = try await redis.get(key)
        XCTAssertEqual(total, "50")
        try await redis.delete([key])
    }

    func testUnreachableServerFailsWithAddress() async throws {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let redis = RedisConnection(settings: RedisSettings(host: "127.0.0.1", port: 1, timeout: .milliseconds(500)))
        do {
            try await redis.ping()
            XCTFail("must fail")
        } catch {
            guard case .connectionFailed(let address, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(address, "127.0.0.1:1")
            XCTAssertTrue(error.description.contains("cannot reach Redis at 127.0.0.1:1"))
        }
    }

    func testReconnectsAfterClose() async throws {
        let redis = try connection()
        try await redis.ping()
        await redis.close()
        let pong = try await redis.ping()
        XCTAssertEqual(pong, "PONG")
    }

    func testURLParsing() throws {
        let full = try RedisSettings(url: "redis://:s3cret@cache.internal:6380/2")
        XCTAssertEqual(full, RedisSettings(host: "cache.internal", port: 6380, password: "s3cret", database: 2))
        XCTAssertEqual(full.redactedURL, "redis://:***@cache.internal:6380/2")
        XCTAssertEqual(try RedisSettings(url: "redis://localhost").port, 6379)
        XCTAssertThrowsError(try RedisSettings(url: "rediss://localhost")) { error in
            XCTAssertTrue("\(error)".contains("redis://"))
        }
        XCTAssertThrowsError(try RedisSettings(url: "redis://localhost/abc"))
        XCTAssertThrowsError(try RedisSettings(url: "redis://:99999"))
    }
}
