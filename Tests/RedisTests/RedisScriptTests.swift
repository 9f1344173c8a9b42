import Foundation
import Testing
@testable import Redis

/// Scripts against the real Redis of scripts/stack.sh (REDIS_URL).
@Suite struct RedisScriptTests {
    let pool: RedisConnectionPool

    init() throws {
        let url = ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:63799/0"
        pool = RedisConnectionPool(settings: try RedisSettings(url: url), size: 3)
    }

    @Test func localSHA1MatchesTheServers() async throws {
        let script = RedisScript("return {KEYS[1], ARGV[1], 'ü'}")
        let loaded = try await pool.send(["SCRIPT", "LOAD", script.source])
        #expect(loaded.string == script.sha1)
        #expect(SHA1.hex(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.hex([]) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        // Two blocks: 56 bytes of padding push the length into a second block.
        #expect(SHA1.hex(Array(String(repeating: "a", count: 56).utf8)) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
    }

    @Test func evaluateLoadsTheScriptAfterNOSCRIPT() async throws {
        let key = "budgetai:test:\(UUID().uuidString)"
        // A script unique to this run, so the server cannot have it cached.
        let script = RedisScript("-- \(UUID().uuidString)\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])")
        let exists = try await pool.send(["SCRIPT", "EXISTS", script.sha1])
        #expect(exists == .array([.integer(0)]))
        let first = try await pool.evaluate(script, keys: [key], arguments: ["5"])
        #expect(first == .integer(5))
        let cached = try await pool.send(["SCRIPT", "EXISTS", script.sha1])
        #expect(cached == .array([.integer(1)]))
        let second = try await pool.evaluate(script, keys: [key], arguments: ["2"])
        #expect(second == .integer(7))
        try await pool.delete([key])
    }

    @Test func scriptErrorsAreServerErrors() async throws {
        let script = RedisScript("return redis.error_reply('BUDGET nope')")
        await #expect(throws: RedisError.server("BUDGET nope")) {
            _ = try await pool.evaluate(script, keys: [], arguments: [])
        }
    }

    @Test func poolSpreadsConcurrentCommands() async throws {
        let key = "budgetai:test:\(UUID().uuidString)"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<60 { group.addTask { _ = try await pool.increment(key) } }
            try await group.waitForAll()
        }
        #expect(try await pool.get(key) == "60")
        try await pool.delete([key])
    }

    @Test func backoffDoublesUpToTwoSeconds() {
        #expect(RedisBackoff.delay(afterFailures: 1) == .milliseconds(50))
        #expect(RedisBackoff.delay(afterFailures: 2) == .milliseconds(100))
        #expect(RedisBackoff.delay(afterFailures: 6) == .milliseconds(1600))
        #expect(RedisBackoff.delay(afterFailures: 7) == .seconds(2))
        #expect(RedisBackoff.delay(afterFailures: 100) == .seconds(2))
    }

    @Test func aDeadServerFailsFastDuringBackoff() async throws {
        // Nothing listens on port 1: a command fails to connect, and one sent right after fails without trying.
        let dead = RedisConnection(settings: RedisSettings(host: "127.0.0.1", port: 1))
        var messages: [String] = []
        for _ in 0..<10 {
            do {
                try await dead.ping()
                Issue.record("a dead server answered")
            } catch {
                guard case .connectionFailed(_, let message) = error else { Issue.record("\(error)"); return }
                messages.append(message)
            }
            if messages.last?.contains("not retrying yet") == true { break }
        }
        #expect(messages.first?.contains("not retrying yet") == false, "the first attempt really connects")
        #expect(messages.last?.contains("not retrying yet") == true, "\(messages)")
    }
}
