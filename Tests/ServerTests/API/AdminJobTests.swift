import Domain
import Foundation
import GraphQLEngine
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// Dead jobs seen and retried by a platform admin over GraphQL.
@Suite struct AdminJobTests {
    @Test func aDeadJobIsListedForAdminsAndRetriedByThem() async throws {
        try await APIHarness.withServer { client in
            let admin = try await client.signUp("jobadmin")
            try await client.promote(admin, business: false, platformRole: .admin)
            let support = try await client.signUp("jobsupport")
            try await client.promote(support, business: false, platformRole: .support)

            // A job that failed on its only attempt.
            let queue = JobQueue(database: client.services.database, logger: client.services.logger)
            let kind = "test.admin.\(UUID().uuidString.prefix(8).lowercased())"
            let id = try #require(try await queue.enqueue(NewJob(kind: kind, payload: #"{"workspace": "w1"}"#, maxAttempts: 1)))
            let claimed = try await queue.claim(kinds: [kind], limit: 1, worker: "api-test", lease: .seconds(60))
            #expect(try await queue.fail(try #require(claimed.first), worker: "api-test", error: "SMTP 550: mailbox unavailable", retryAfter: .seconds(10)) == .dead)

            let listing = "query($after: String) { admin { jobs(state: DEAD, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind payload state attempts maxAttempts lastError runAt createdAt finishedAt lockedBy } } } } }"
            var node: GraphQLValue?
            var after: GraphQLValue = .null
            for _ in 0..<50 where node == nil {
                let page = try await client.post(listing, variables: ["after": after], token: admin.token)
                #expect(page.errors.isEmpty, "\(page.body)")
                node = page.data("admin", "jobs", "edges").listValue.compactMap { $0["node"] }.first { $0["id"]?.stringValue == String(id) }
                guard page.data("admin", "jobs", "pageInfo", "hasNextPage") == .bool(true) else { break }
                after = page.data("admin", "jobs", "pageInfo", "endCursor")
            }
            let dead = try #require(node, "the dead job is listed")
            #expect(dead["kind"]?.stringValue == kind)
            #expect(dead["state"]?.stringValue == "DEAD")
            #expect(dead["attempts"] == .int(1) && dead["maxAttempts"] == .int(1))
            #expect(dead["lastError"]?.stringValue == "SMTP 550: mailbox unavailable")
            #expect(dead["payload"]?.stringValue?.contains("\"workspace\": \"w1\"") == true, "\(dead)")
            #expect(dead["finishedAt"]?.stringValue != nil && dead["lockedBy"] == .null)

            let denied = try await client.post(listing, variables: ["after": .null], token: support.token)
            #expect(denied.errors.first?["extensions"]?["code"]?.stringValue == "FORBIDDEN")

            let retry = "mutation($id: ID!) { retryJob(id: $id) { id state attempts } }"
            let retried = try await client.post(retry, variables: ["id": .string(String(id))], token: admin.token)
            #expect(retried.data("retryJob", "state").stringValue == "QUEUED", "\(retried.body)")
            #expect(retried.data("retryJob", "attempts") == .int(0))
            #expect(try #require(try await queue.job(id: id)).state == .queued)
            let twice = try await client.post(retry, variables: ["id": .string(String(id))], token: admin.token)
            #expect(twice.errors.first?["extensions"]?["code"]?.stringValue == "CONFLICT", "\(twice.body)")
            let unknown = try await client.post(retry, variables: ["id": .string("not-a-job")], token: admin.token)
            #expect(unknown.errors.first?["extensions"]?["code"]?.stringValue == "NOT_FOUND", "\(unknown.body)")
        }
    }
}
