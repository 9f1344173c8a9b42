import Foundation
import GraphQLEngine
import Redis
import Testing
import TestSupport

/// Two `budgetai serve` processes on different ports over one Redis: an event raised through one reaches a subscriber
/// connected to the other.
@Suite struct FanOutAcrossProcessesTests {
    @Test(.enabled(if: ServeProcess.isBuilt, "budgetai is built next to the tests"))
    func aWriteOnOneInstanceReachesASubscriberOnTheOther() async throws {
        _ = try await TestStack.database()  // migrated
        let writer = try await ServeProcess()
        let listener = try await ServeProcess()
        let email = TestStack.uniqueEmail("fanout")
        _ = try await writer.post(
            "mutation($i: RegisterInput!) { register(input: $i) { message } }",
            variables: ["i": .object(["email": .string(email), "password": .string(GraphQLClient.password), "displayName": "Fan"])])
        let login = try await writer.post(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken } }",
            variables: ["i": .object(["email": .string(email), "password": .string(GraphQLClient.password)])])
        let token = try #require(login["data"]?["login"]?["accessToken"]?.stringValue, "\(login)")
        let me = try await writer.post("{ me { workspaces { workspace { id } } } }", token: token)
        let workspaceID = try #require(me["data"]?["me"]?["workspaces"]?[0]?["workspace"]?["id"]?.stringValue, "\(me)")
        let account = try await writer.post(
            "mutation($w: ID!, $i: AccountInput!) { createAccount(workspaceId: $w, input: $i) { id } }",
            variables: ["w": .string(workspaceID), "i": .object(["name": "Cash", "kind": "CASH", "currency": "EUR"])], token: token)
        let accountID = try #require(account["data"]?["createAccount"]?["id"]?.stringValue, "\(account)")

        let redis = RedisConnection(settings: try RedisSettings(url: TestStack.redisURL))
        let channel = "budgetai:events:workspace.\(workspaceID).transactions"
        try await TransportWSTestClient(port: listener.port).run { ws in
            try await ws.send(TransportWSTestClient.initMessage(token: token))
            _ = try await ws.next(ofType: "connection_ack")
            try await ws.send(TransportWSTestClient.subscribe(
                id: "t", "subscription($w: ID!) { transactionChanged(workspaceId: $w) { action transactions { payee } } }",
                variables: ["w": .string(workspaceID)]))
            // The listener subscribes its Redis connection to the workspace's channel once its first client asks.
            for _ in 0..<300 {
                if case .array(let counts) = try await redis.send(["PUBSUB", "NUMSUB", channel]), counts.count == 2, (counts[1].int ?? 0) > 0 {
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            let created = try await writer.post(
                "mutation($w: ID!, $i: TransactionInput!) { createTransaction(workspaceId: $w, input: $i) { id } }",
                variables: ["w": .string(workspaceID), "i": .object([
                    "kind": "EXPENSE", "accountId": .string(accountID), "date": "2026-11-03", "amount": "4.20", "payee": "Across",
                ])], token: token)
            #expect(created["errors"] == nil, "\(created)")
            let event = try #require(try await ws.next(ofType: "next"))
            #expect(event["payload"]?["data"]?["transactionChanged"]?["action"] == "CREATED")
            #expect(event["payload"]?["data"]?["transactionChanged"]?["transactions"] == .list([.object(["payee": "Across"])]))
            try await ws.outbound.close(.normalClosure, reason: nil)
        }
        try await writer.stop()
        try await listener.stop()
    }
}
