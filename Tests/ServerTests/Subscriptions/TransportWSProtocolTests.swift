@testable import Domain
import Foundation
import GraphQLEngine
import Testing
@testable import Server

/// graphql-transport-ws over a real WebSocket on loopback: every message type and every close code.
@Suite struct TransportWSProtocolTests {
    typealias Client = TransportWSTestClient

    @Test func initAckPingPongQueryAndSubscriptionStream() async throws {
        try await APIHarness.withServer { client in
            let (user, workspaceID, accountID) = try await Self.userWithAccount(client, "ws")
            let port = try #require(client.client.port)
            let bus = try #require(client.services.events as? LocalEventBus)
            let before = bus.subscriberCount
            let code = try await Client(port: port).run { ws in
                try await ws.send(Client.initMessage(token: user.token))
                #expect(try await ws.next() == .object(["type": "connection_ack"]))
                try await ws.send(.object(["type": "ping", "payload": .object(["n": .int(1)])]))
                #expect(try await ws.next() == .object(["type": "pong", "payload": .object(["n": .int(1)])]))
                try await ws.send(.object(["type": "pong"]))  // unsolicited pongs are allowed and answered with nothing

                // A query answers once: next, then complete.
                try await ws.send(Client.subscribe(id: "q1", "{ me { id } }"))
                let answer = try #require(try await ws.next())
                #expect(answer["id"] == "q1")
                #expect(answer["type"] == "next")
                #expect(answer["payload"]?["data"]?["me"]?["id"] == .string(user.id.uuidString.lowercased()))
                #expect(try await ws.next() == .object(["id": "q1", "type": "complete"]))

                // A subscription streams one event per write, until the client completes it.
                try await ws.send(Client.subscribe(
                    id: "s1", "subscription($w: ID!) { transactionChanged(workspaceId: $w) { action transactionIds transactions { payee } actor { id } } }",
                    variables: ["w": .string(workspaceID)]))
                try await Self.waitFor { bus.subscriberCount > before }
                let created = try await client.post(
                    "mutation($w: ID!, $i: TransactionInput!) { createTransaction(workspaceId: $w, input: $i) { id } }",
                    variables: ["w": .string(workspaceID), "i": .object([
                        "kind": "EXPENSE", "accountId": .string(accountID), "date": "2026-11-02", "amount": "12.50", "payee": "Bakery",
                    ])], token: user.token)
                let transactionID = try #require(created.data("createTransaction", "id").stringValue, "\(created.body)")
                let event = try #require(try await ws.next())
                #expect(event["id"] == "s1")
                #expect(event["type"] == "next")
                let changed = event["payload"]?["data"]?["transactionChanged"]
                #expect(changed?["action"] == "CREATED")
                #expect(changed?["transactionIds"] == .list([.string(transactionID)]))
                #expect(changed?["transactions"] == .list([.object(["payee": "Bakery"])]))
                #expect(changed?["actor"]?["id"] == .string(user.id.uuidString.lowercased()))

                // complete from the client ends the server's stream and its bus subscription.
                try await ws.send(.object(["id": "s1", "type": "complete"]))
                try await Self.waitFor { bus.subscriberCount == before }
                #expect(bus.subscriberCount == before)
                try await ws.outbound.close(.normalClosure, reason: nil)
            }
            #expect(code == nil || code == 1000)
        }
    }

    /// A statement import's commit: `importProgress` says COMMITTING then COMMITTED with its counts, and
    /// `transactionChanged` announces the imported transactions as CREATED; `undoImport` deletes them, announced as DELETED.
    @Test func aCommittedImportIsAnnouncedOnBothSubscriptions() async throws {
        try await APIHarness.withServer { client in
            let (user, workspaceID, accountID) = try await Self.userWithAccount(client, "wsimport")
            let port = try #require(client.client.port)
            let bus = try #require(client.services.events as? LocalEventBus)
            let upload = try await client.post(
                "mutation($w: ID!, $c: String!) { uploadImport(workspaceId: $w, fileName: \"konto.csv\", content: $c) { id } }",
                variables: ["w": .string(workspaceID), "c": "Datum;Empfänger;Betrag\n01.10.2026;Bäckerei;-3,20\n02.10.2026;Arbeitgeber;1.234,56\n"],
                token: user.token)
            let importID = try #require(upload.data("uploadImport", "id").stringValue, "\(upload.body)")
            try await Client(port: port).run { ws in
                try await ws.send(Client.initMessage(token: user.token))
                _ = try await ws.next(ofType: "connection_ack")
                let before = bus.subscriberCount
                try await ws.send(Client.subscribe(
                    id: "p", "subscription($w: ID!, $i: ID!) { importProgress(workspaceId: $w, importId: $i) { stage added duplicates } }",
                    variables: ["w": .string(workspaceID), "i": .string(importID)]))
                try await ws.send(Client.subscribe(
                    id: "t", "subscription($w: ID!) { transactionChanged(workspaceId: $w) { action transactionIds transactions { payee } } }",
                    variables: ["w": .string(workspaceID)]))
                try await Self.waitFor { bus.subscriberCount >= before + 2 }
                let commit = try await client.post(
                    "mutation($w: ID!, $i: ID!, $a: ID!) { commitImport(workspaceId: $w, importId: $i, accountId: $a) { addedCount } }",
                    variables: ["w": .string(workspaceID), "i": .string(importID), "a": .string(accountID)], token: user.token)
                #expect(commit.data("commitImport", "addedCount").intValue == 2, "\(commit.body)")
                var stages: [GraphQLValue] = []
                var created: GraphQLValue?
                for _ in 0..<3 {
                    let message = try #require(try await ws.next(ofType: "next"))
                    if message["id"] == "p" { stages.append(message["payload"]?["data"]?["importProgress"] ?? .null) }
                    if message["id"] == "t" { created = message["payload"]?["data"]?["transactionChanged"] }
                }
                #expect(stages == [
                    .object(["stage": "COMMITTING", "added": .null, "duplicates": .null]),
                    .object(["stage": "COMMITTED", "added": 2, "duplicates": 0]),
                ])
                #expect(created?["action"] == "CREATED")
                #expect(created?["transactionIds"]?.listValue.count == 2)
                #expect(created?["transactions"] == .list([.object(["payee": "Bäckerei"]), .object(["payee": "Arbeitgeber"])]))

                // Undoing it deletes both, announced as DELETED.
                let undo = try await client.post(
                    "mutation($w: ID!, $i: ID!) { undoImport(workspaceId: $w, importId: $i) { status removedCount addedCount undoneAt } }",
                    variables: ["w": .string(workspaceID), "i": .string(importID)], token: user.token)
                #expect(undo.data("undoImport", "status").stringValue == "UNDONE", "\(undo.body)")
                #expect(undo.data("undoImport", "removedCount").intValue == 2 && undo.data("undoImport", "addedCount").intValue == 2)
                #expect(undo.data("undoImport", "undoneAt").stringValue != nil)
                let deleted = try #require(try await ws.next(ofType: "next"))["payload"]?["data"]?["transactionChanged"]
                #expect(deleted?["action"] == "DELETED")
                let ids = { (event: GraphQLValue?) in Set((event?["transactionIds"]?.listValue ?? []).compactMap(\.stringValue)) }
                #expect(ids(deleted) == ids(created) && ids(deleted).count == 2)
                #expect(deleted?["transactions"] == .list([]))
                try await ws.outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func notificationAddedDeliversTheCallersOwnNotificationsOnly() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("wsnote")
            let other = try await client.signUp("wsnoteother")
            let port = try #require(client.client.port)
            let bus = try #require(client.services.events as? LocalEventBus)
            try await Client(port: port).run { ws in
                try await ws.send(Client.initMessage(token: user.token))
                _ = try await ws.next(ofType: "connection_ack")
                let before = bus.subscriberCount
                try await ws.send(Client.subscribe(id: "n", "subscription { notificationAdded { id title type priority readAt } }"))
                try await Self.waitFor { bus.subscriberCount > before }
                // Someone else's notification first: it must not arrive here.
                _ = try await client.services.notifications.notify([
                    NotificationDraft(userID: other.id, type: .systemAnnouncement, title: "Not for you")])
                let mine = try await client.services.notifications.notify([
                    NotificationDraft(userID: user.id, type: .systemAnnouncement, priority: .high, title: "Maintenance tonight")])
                // Read up to the one addressed to this user; nothing before it may be someone else's.
                var note: GraphQLValue?
                for _ in 0..<10 {
                    let event = try #require(try await ws.next())
                    #expect(event["id"] == "n" && event["type"] == "next")
                    let candidate = event["payload"]?["data"]?["notificationAdded"]
                    #expect(candidate?["title"] != "Not for you")
                    if candidate?["title"] == "Maintenance tonight" {
                        note = candidate
                        break
                    }
                }
                #expect(note?["title"] == "Maintenance tonight")
                #expect(note?["id"] == .string(String(try #require(mine.first).id)))
                #expect(note?["priority"] == "HIGH")
                #expect(note?["readAt"] == .null)
                // What was missed can be read back after it.
                let missed = try await client.post("{ me { notifications(first: 5) { edges { node { title } } } } }", token: user.token)
                #expect(missed.body.contains("Maintenance tonight"), "\(missed.body)")
                try await ws.outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func errorsBeforeExecutionComeAsErrorMessagesAndTheConnectionStays() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("wserr")
            let stranger = try await client.signUp("wsstranger")
            let strangersWorkspace = try #require(try await client.strings(
                "SELECT workspace_id::text FROM control.memberships WHERE user_id = \(stranger.id)").first)
            let port = try #require(client.client.port)
            try await Client(port: port).run { ws in
                try await ws.send(Client.initMessage(token: user.token))
                _ = try await ws.next(ofType: "connection_ack")
                try await ws.send(Client.subscribe(id: "bad", "subscription { nope }"))
                let invalid = try #require(try await ws.next())
                #expect(invalid["type"] == "error")
                #expect(invalid["id"] == "bad")
                #expect(invalid["payload"]?[0]?["extensions"]?["code"] == "GRAPHQL_VALIDATION_FAILED")

                // The guard decides before the stream opens: another user's workspace is NOT_FOUND.
                try await ws.send(Client.subscribe(
                    id: "foreign", "subscription($w: ID!) { transactionChanged(workspaceId: $w) { action } }",
                    variables: ["w": .string(strangersWorkspace)]))
                let denied = try #require(try await ws.next())
                #expect(denied["type"] == "error")
                #expect(denied["payload"]?[0]?["extensions"]?["code"] == "NOT_FOUND")
                #expect(denied["payload"]?[0]?["path"] == .list(["transactionChanged"]))

                // The connection still works.
                try await ws.send(.object(["type": "ping"]))
                #expect(try await ws.next() == .object(["type": "pong"]))
                try await ws.outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func anonymousConnectionsAreAcknowledgedButGuardedFieldsRefuse() async throws {
        try await APIHarness.withServer { client in
            let port = try #require(client.client.port)
            try await Client(port: port).run { ws in
                try await ws.send(Client.initMessage(token: nil))
                _ = try await ws.next(ofType: "connection_ack")
                try await ws.send(Client.subscribe(
                    id: "a", "subscription { transactionChanged(workspaceId: \"00000000-0000-0000-0000-000000000000\") { action } }"))
                let refused = try #require(try await ws.next())
                #expect(refused["type"] == "error")
                #expect(refused["payload"]?[0]?["extensions"]?["code"] == "UNAUTHENTICATED")
                try await ws.outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func noConnectionInitInTimeClosesWith4408() async throws {
        try await APIHarness.withServer(["SUBSCRIPTION_INIT_TIMEOUT_MS": "300"]) { client in
            let port = try #require(client.client.port)
            #expect(try await Client(port: port).run { _ = try await $0.next() } == 4408)
        }
    }

    @Test func everyOtherCloseCode() async throws {
        // A generous init timeout, so a loaded machine's slow client still meets the rule each case is about.
        try await APIHarness.withServer(["SUBSCRIPTION_INIT_TIMEOUT_MS": "30000"]) { client in
            let user = try await client.signUp("wsclose")
            let workspaceID = try #require(try await client.strings(
                "SELECT workspace_id::text FROM control.memberships WHERE user_id = \(user.id)").first)
            let port = try #require(client.client.port)
            let ws = Client(port: port)

            // 4400: not JSON, and an unknown type.
            #expect(try await ws.run { try await $0.sendText("hello"); _ = try await $0.next() } == 4400)
            #expect(try await ws.run { try await $0.send(.object(["type": "shout"])); _ = try await $0.next() } == 4400)
            #expect(try await ws.run { conn in
                try await conn.send(Client.initMessage(token: user.token))
                _ = try await conn.next(ofType: "connection_ack")
                try await conn.send(.object(["type": "subscribe", "id": "x"]))  // no payload
                _ = try await conn.next()
            } == 4400)
            // 4401: subscribe before connection_ack.
            #expect(try await ws.run { conn in
                try await conn.send(Client.subscribe(id: "early", "{ me { id } }"))
                _ = try await conn.next()
            } == 4401)
            // 4403: a token that does not verify.
            #expect(try await ws.run { conn in
                try await conn.send(Client.initMessage(token: "not-a-token"))
                _ = try await conn.next()
            } == 4403)
            // 4406: the subprotocol was not offered (none, or only the legacy one). Read off the socket: the close
            // follows the 101 at once, faster than a client library's upgrade handler reliably passes it on.
            #expect(try RawWebSocketUpgrade.upgrade(port: port) == .init(status: 101, closeCode: 4406))
            #expect(try RawWebSocketUpgrade.upgrade(port: port, subprotocols: ["graphql-ws"]) == .init(status: 101, closeCode: 4406))
            #expect(try RawWebSocketUpgrade.upgrade(port: port, subprotocols: ["graphql-ws", "graphql-transport-ws"], timeout: 2).closeCode == nil,
                    "offered among others, the protocol is chosen and the connection waits for connection_init")
            // 4409: an id that is already running.
            #expect(try await ws.run { conn in
                try await conn.send(Client.initMessage(token: user.token))
                _ = try await conn.next(ofType: "connection_ack")
                let subscription = Client.subscribe(
                    id: "dup", "subscription($w: ID!) { budgetAlert(workspaceId: $w) { threshold } }", variables: ["w": .string(workspaceID)])
                try await conn.send(subscription)
                try await conn.send(subscription)
                _ = try await conn.next()
            } == 4409)
            // 4429: a second connection_init.
            #expect(try await ws.run { conn in
                try await conn.send(Client.initMessage(token: user.token))
                _ = try await conn.next(ofType: "connection_ack")
                try await conn.send(Client.initMessage(token: user.token))
                _ = try await conn.next()
            } == 4429)
        }
    }

    @Test func aConnectionClosesWith4403WhenItsAccessTokenExpires() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("wsexpiry")
            let port = try #require(client.client.port)
            // The user's own token (its session is real) signed again to expire in four seconds (JWT expiry counts
            // whole seconds).
            let keys = try SigningKeys(parsing: APIHarness.signingKeys)
            let settings = IdentitySettings(signingKeys: keys)
            let issued = try keys.verify(user.token, issuer: settings.tokenIssuer, audience: settings.tokenAudience, now: Date())
            let claims = AccessClaims(
                userID: issued.userID, sessionID: issued.sessionID, platformRole: issued.platformRole, expiresAt: Date().addingTimeInterval(4))
            let token = try keys.sign(claims, issuedAt: Date(), issuer: settings.tokenIssuer, audience: settings.tokenAudience)
            let started = ContinuousClock.now
            let code = try await Client(port: port).run { ws in
                try await ws.send(Client.initMessage(token: token))
                #expect(try await ws.next(ofType: "connection_ack") != nil)
                try await ws.send(Client.subscribe(id: "n", "subscription { notificationAdded { id } }"))
                let next = try await ws.next()
                #expect(next == nil, "nothing but the close comes: \(String(describing: next))")
            }
            #expect(code == 4403)
            #expect(ContinuousClock.now - started > .seconds(2), "not before the token expired")
        }
    }

    /// A new user, the id of its personal workspace, and a cash account in it.
    static func userWithAccount(_ client: GraphQLClient, _ prefix: String) async throws -> (TestUser, workspaceID: String, accountID: String) {
        let user = try await client.signUp(prefix)
        let workspaceID = try #require(try await client.strings(
            "SELECT workspace_id::text FROM control.memberships WHERE user_id = \(user.id)").first)
        let account = try await client.post(
            "mutation($w: ID!, $i: AccountInput!) { createAccount(workspaceId: $w, input: $i) { id } }",
            variables: ["w": .string(workspaceID), "i": .object(["name": "Cash", "kind": "CASH", "currency": "EUR"])], token: user.token)
        return (user, workspaceID, try #require(account.data("createAccount", "id").stringValue, "\(account.body)"))
    }

    static func waitFor(_ condition: @Sendable () -> Bool) async throws {
        for _ in 0..<300 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }
}
