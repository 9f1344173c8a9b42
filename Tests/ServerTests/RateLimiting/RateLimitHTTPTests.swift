import Foundation
import GraphQLEngine
import HTTPTypes
import Redis
import Testing
@testable import Server

/// The rate limit as clients see it over HTTP, on a Redis of the test's own (so small budgets and a stopped Redis do
/// not disturb the suites sharing scripts/stack.sh's Redis).
@Suite struct RateLimitHTTPTests {
    static let policyHeader = HTTPField.Name("RateLimit-Policy")!
    static let stateHeader = HTTPField.Name("RateLimit")!

    @Test func responsesCarryTheCostAndTheHeadersAndAnEmptyBucketGets429() async throws {
        let redis = PrivateRedis()
        try await redis.start()
        try await APIHarness.withServer(["REDIS_URL": redis.url, "RATE_LIMIT_USER": "20/1", "RATE_LIMIT_PLANS": "FREE=500/50"]) { client in
            let user = try await client.signUp("ratelimit")
            let workspaceID = try #require(try await client.strings(
                "SELECT workspace_id::text FROM control.memberships WHERE user_id = \(user.id)").first)

            let first = try await client.post("{ me { id } }", token: user.token)
            #expect(first.status == .ok)
            let cost = try #require(first.json["extensions"]?["cost"])
            #expect(cost["requestedQueryCost"]?.intValue == 1)
            #expect(cost["actualQueryCost"]?.intValue == 1)
            #expect(cost["throttleStatus"]?["maximumAvailable"]?.intValue == 20)
            #expect((19...20).contains(cost["throttleStatus"]?["currentlyAvailable"]?.intValue ?? -1))
            #expect(cost["throttleStatus"]?["restoreRate"]?.intValue == 1)
            #expect(first.headers[Self.policyHeader] == "\"user\";q=20;w=20")
            #expect(first.headers[Self.stateHeader]?.hasPrefix("\"user\";r=19;t=") == true)

            // A request naming a workspace also draws from the workspace's bucket, sized by its plan.
            let named = try await client.post(
                "query($id: ID!) { workspace(id: $id) { id } }", variables: ["id": .string(workspaceID)], token: user.token)
            #expect(named.status == .ok)
            #expect(named.headers[Self.policyHeader] == "\"user\";q=20;w=20, \"workspace-1\";q=500;w=10")

            // Fifteen aliases cost 15: the first is admitted (4 left), the next is refused unless eleven seconds of
            // refill passed in between. Refused: 429 with the wait and the code, and nothing run.
            let dear = "{ " + (0..<15).map { "a\($0): me { id }" }.joined(separator: " ") + " }"
            var refused: HTTPResult?
            for _ in 0..<5 {
                let response = try await client.post(dear, token: user.token)
                if response.status == .tooManyRequests {
                    refused = response
                    break
                }
            }
            let throttled = try #require(refused, "the bucket of 20 never ran out")
            #expect(throttled.codes == ["RATE_LIMITED"])
            #expect(throttled.json["data"] == nil)
            #expect(throttled.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true)
            #expect(throttled.headers[Self.stateHeader]?.hasPrefix("\"user\";r=") == true)
            #expect(throttled.json["extensions"]?["cost"]?["requestedQueryCost"]?.intValue == 15)
            #expect(throttled.json["extensions"]?["cost"]?["actualQueryCost"] == .null)

            // A refused mutation changes nothing: fifteen renames in one request cost 15 points, more than is left.
            let renames = (0..<15).map { "r\($0): renameWorkspace(workspaceId: $id, name: \"Renamed while throttled\") { id }" }
            let mutation = try await client.post(
                "mutation($id: ID!) { \(renames.joined(separator: " ")) }", variables: ["id": .string(workspaceID)], token: user.token)
            #expect(mutation.status == .tooManyRequests)
            let names = try await client.strings("SELECT name FROM control.workspaces WHERE id = \(UUID(uuidString: workspaceID)!)")
            #expect(names.count == 1)
            #expect(names != ["Renamed while throttled"], "a refused mutation ran")

            // A query dearer than the whole bucket can never run; the message says so.
            let huge = try await client.post("{ me { workspaces { workspace { id name } } } }", token: user.token)
            #expect(huge.status == .tooManyRequests)
            #expect(huge.errors.first?["message"]?.stringValue?.contains("more than the 20 points") == true)
        }
        try await redis.stop()
    }

    @Test func aStoppedRedisFallsBackInProcessAndIsUsedAgainWhenItReturns() async throws {
        let redis = PrivateRedis()
        try await redis.start()
        // One point a second, so a request's charge keeps the bucket's key alive in Redis for a second.
        try await APIHarness.withServer(["REDIS_URL": redis.url, "RATE_LIMIT_USER": "1000/1"]) { client in
            let user = try await client.signUp("failover")
            let key = "budgetai:rl:user:\(user.id.uuidString.lowercased())"
            // Thirty points at one a second keep the bucket's key in Redis for thirty seconds.
            let probe = "{ " + (0..<30).map { "a\($0): me { id }" }.joined(separator: " ") + " }"
            let direct = RedisConnection(settings: try RedisSettings(url: redis.url))
            #expect(try await client.post(probe, token: user.token).status == .ok)
            #expect(try await direct.send(["EXISTS", key]) == .integer(1), "Redis keeps the bucket")

            try await redis.stop()
            for _ in 0..<5 {
                let response = try await client.post("{ me { id } }", token: user.token)
                #expect(response.status == .ok)
                #expect(response.json["extensions"]?["cost"]?["throttleStatus"]?["maximumAvailable"]?.intValue == 1000)
            }

            try await redis.start()
            // The restarted Redis is empty; the bucket reappears there once the limiter uses Redis again (within the
            // reconnect backoff of at most two seconds).
            var back = false
            for _ in 0..<100 where !back {
                #expect(try await client.post(probe, token: user.token).status == .ok)
                back = (try? await direct.send(["EXISTS", key])) == .integer(1)
                if !back { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(back, "the limiter did not return to Redis")
        }
        try await redis.stop()
    }
}
