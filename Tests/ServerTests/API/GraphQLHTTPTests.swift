import API
import Crypto
import Domain
import Foundation
import GraphQLEngine
import HTTPTypes
import Persistence
import PostgresNIO
import Testing
import TestSupport

/// GraphQL over HTTP at the protocol level, against the running server: media types, methods, status codes, bodies,
/// credentials, CORS and persisted queries. Every bad request gets a clear error with a code and changes nothing.
@Suite struct GraphQLHTTPTests {
    @Test func theCurrentMediaTypeGetsItsOwnContentTypeAndStatusCodes() async throws {
        try await APIHarness.withServer { client in
            let ok = try await client.post("{ __typename }")
            #expect(ok.status == .ok)
            #expect(ok.headers[.contentType] == "application/graphql-response+json; charset=utf-8")
            #expect(ok.data == ["__typename": "Query"])

            let invalid = try await client.post("{ nope }")
            #expect(invalid.status == .badRequest)
            #expect(invalid.codes == ["GRAPHQL_VALIDATION_FAILED"])
            #expect(invalid.json["data"] == nil)

            let unparsable = try await client.post("{ me ")
            #expect(unparsable.status == .badRequest)
            #expect(unparsable.codes == ["GRAPHQL_PARSE_FAILED"])
        }
    }

    @Test func legacyJSONGets200ForEveryWellFormedRequest() async throws {
        try await APIHarness.withServer { client in
            for accept in [nil, "application/json", "*/*", "text/html, application/*;q=0.5"] as [String?] {
                let invalid = try await client.post("{ nope }", accept: accept)
                #expect(invalid.status == .ok, "Accept: \(accept ?? "none")")
                #expect(invalid.headers[.contentType] == "application/json; charset=utf-8")
                #expect(invalid.codes == ["GRAPHQL_VALIDATION_FAILED"])
            }
            let preferred = try await client.post("{ __typename }", accept: "application/json;q=0.5, application/graphql-response+json")
            #expect(preferred.headers[.contentType] == "application/graphql-response+json; charset=utf-8")
        }
    }

    @Test func anUnacceptableMediaTypeGets406() async throws {
        try await APIHarness.withServer { client in
            let response = try await client.post("{ __typename }", accept: "text/html")
            #expect(response.status == .notAcceptable)
            #expect(response.codes == ["NOT_ACCEPTABLE"])
        }
    }

    @Test func getRunsQueriesAndRefusesMutationsWith405() async throws {
        try await APIHarness.withServer { client in
            let query = try await client.raw(method: .get, uri: "/graphql?query=%7B__typename%7D")
            #expect(query.status == .ok)
            #expect(query.data == ["__typename": "Query"])

            let withVariables = try await client.raw(
                method: .get, uri: "/graphql?query=query(%24id%3AID!)%7Bworkspace(id%3A%24id)%7Bid%7D%7D&variables=%7B%22id%22%3A%22x%22%7D")
            #expect(withVariables.status == .ok)
            #expect(withVariables.codes == ["UNAUTHENTICATED"])

            let mutation = try await client.raw(method: .get, uri: "/graphql?query=mutation%7Blogout%7D")
            #expect(mutation.status == .methodNotAllowed)
            #expect(mutation.headers[.allow] == "POST")
            #expect(mutation.codes == ["METHOD_NOT_ALLOWED"])

            let badVariables = try await client.raw(method: .get, uri: "/graphql?query=%7B__typename%7D&variables=%7Bnope")
            #expect(badVariables.status == .badRequest)
            #expect(badVariables.codes == ["BAD_REQUEST"])
        }
    }

    @Test func malformedRequestsGet400WithACodeAndChangeNothing() async throws {
        try await APIHarness.withServer { client in
            let email = "malformed-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            let users = "SELECT count(*)::int8 FROM control.users WHERE lower(email) = '\(email)'"
            let register = #"mutation { register(input: {email: "\#(email)", password: "correct horse battery", displayName: "x"}) { message } }"#
            let bodies: [(String, String)] = [
                ("not json", "{\"query\": " + register),
                ("array", "[1, 2]"),
                ("query is a number", #"{"query": 42}"#),
                ("query is an object", #"{"query": {"text": "{ me { id } }"}}"#),
                ("variables is a string", #"{"query": "{ __typename }", "variables": "{}"}"#),
                ("operationName is a list", #"{"query": "{ __typename }", "operationName": []}"#),
                ("extensions is a number", #"{"query": "{ __typename }", "extensions": 1}"#),
                ("missing query", #"{"variables": {}}"#),
            ]
            for (name, body) in bodies {
                let response = try await client.raw(method: .post, body: body)
                #expect(response.status == .badRequest, "\(name): \(response.body)")
                #expect(response.codes.count == 1, "\(name)")
                #expect(response.errors.allSatisfy { $0["extensions"]?["code"] != nil }, "\(name)")
            }
            let empty = try await client.raw(method: .post, body: "")
            #expect(empty.status == .badRequest)
            #expect(try await client.count(PostgresQuery(unsafeSQL: users)) == 0)
        }
    }

    @Test func aWrongContentTypeGets415() async throws {
        try await APIHarness.withServer { client in
            for contentType in ["text/plain", "application/x-www-form-urlencoded", "application/graphql"] {
                let response = try await client.raw(method: .post, body: #"{"query": "{ __typename }"}"#, contentType: contentType)
                #expect(response.status == .unsupportedMediaType, "\(contentType)")
                #expect(response.codes == ["UNSUPPORTED_MEDIA_TYPE"])
            }
            let charset = try await client.raw(method: .post, body: #"{"query": "{ __typename }"}"#, contentType: "application/json; charset=utf-8")
            #expect(charset.status == .ok)
        }
    }

    @Test func anOversizedBodyGets413() async throws {
        try await APIHarness.withServer { client in
            let padding = String(repeating: " ", count: 70_000)
            let response = try await client.raw(method: .post, body: #"{"query": "{ __typename }"# + padding + #""}"#)
            #expect(response.status == .contentTooLarge)
            #expect(response.codes == ["PAYLOAD_TOO_LARGE"])
        }
    }

    @Test func badExpiredAndForeignTokensGet401() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("tokens")
            let ok = try await client.post("{ me { id } }", token: user.token)
            #expect(ok.data("me", "id").stringValue == user.id.apiIDForTests)

            var expiredSettings = IdentitySettings(signingKeys: try SigningKeys(parsing: APIHarness.signingKeys))
            expiredSettings.accessTokenLifetime = .seconds(-120)
            let expired = try await Self.token(for: user, settings: expiredSettings, client: client)
            let foreign = try await Self.token(for: user, settings: IdentitySettings(signingKeys: .ephemeral()), client: client)
            let sessions = try await client.count("SELECT count(*)::int8 FROM control.sessions WHERE user_id = \(user.id)")

            for (name, header) in [("garbage", "Bearer not-a-jwt"), ("expired", "Bearer \(expired)"), ("foreign key", "Bearer \(foreign)"),
                                   ("basic scheme", "Basic dXNlcjpwYXNz"), ("empty bearer", "Bearer ")] {
                let response = try await client.raw(
                    method: .post, body: #"{"query": "{ me { id } }"}"#, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(name)")
                #expect(response.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#, "\(name)")
                #expect(response.codes == ["UNAUTHENTICATED"], "\(name)")
                #expect(!response.body.contains(user.email), "\(name)")
            }
            #expect(try await client.count("SELECT count(*)::int8 FROM control.sessions WHERE user_id = \(user.id)") == sessions)
        }
    }

    @Test func anonymousCallersGetUnauthenticatedOnGuardedFieldsAndTheRestStands() async throws {
        try await APIHarness.withServer { client in
            let response = try await client.post("{ __typename me { id } }")
            #expect(response.status == .ok)
            #expect(response.data == ["__typename": "Query", "me": .null])
            #expect(response.codes == ["UNAUTHENTICATED"])
            #expect(response.errors.first?["path"] == ["me"])
        }
    }

    @Test func corsAnswersConfiguredOriginsOnly() async throws {
        try await APIHarness.withServer { client in
            let preflight = try await client.raw(
                method: .options, accept: nil,
                headers: [.origin: APIHarness.allowedOrigin, .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "authorization, content-type"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == APIHarness.allowedOrigin)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)

            let stranger = try await client.raw(
                method: .options, accept: nil, headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(stranger.status == .forbidden)
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)

            let simple = try await client.raw(method: .post, body: #"{"query": "{ __typename }"}"#, headers: [.origin: APIHarness.allowedOrigin])
            #expect(simple.headers[.accessControlAllowOrigin] == APIHarness.allowedOrigin)
            let foreign = try await client.raw(method: .post, body: #"{"query": "{ __typename }"}"#, headers: [.origin: "https://evil.example"])
            #expect(foreign.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func automaticPersistedQueriesInApollosShape() async throws {
        try await APIHarness.withServer { client in
            let query = "{ __typename persisted: __typename }"
            let hash = SHA256Hex.of(query)
            let extensions = #""extensions": {"persistedQuery": {"version": 1, "sha256Hash": "\#(hash)"}}"#
            let unknown = try await client.raw(method: .post, body: "{\(extensions)}")
            #expect(unknown.status == .badRequest)
            #expect(unknown.codes == ["PERSISTED_QUERY_NOT_FOUND"])

            let registered = try await client.raw(method: .post, body: #"{"query": "\#(query)", \#(extensions)}"#)
            #expect(registered.status == .ok)
            let byHash = try await client.raw(method: .post, body: "{\(extensions)}")
            #expect(byHash.status == .ok)
            #expect(byHash.data == ["__typename": "Query", "persisted": "Query"])

            let mismatch = try await client.raw(
                method: .post, body: #"{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "\#(hash)"}}}"#)
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.codes == ["BAD_USER_INPUT"])
        }
    }

    @Test func tooDeepDocumentsAreRefusedBeforeExecution() async throws {
        try await APIHarness.withServer { client in
            var selection = "name"
            for _ in 0..<12 { selection = "ofType { \(selection) }" }
            let tooDeep = try await client.post("{ __schema { types { fields { type { \(selection) } } } } }")
            #expect(tooDeep.status == .badRequest)
            #expect(tooDeep.codes.contains("QUERY_TOO_DEEP"))
            #expect(tooDeep.json["data"] == nil)
            let shallow = try await client.post("{ __schema { types { fields { type { ofType { name } } } } } }")
            #expect(shallow.status == .ok)
        }
    }
}

extension GraphQLHTTPTests {
    /// Signs `user` in through a second identity service with other settings (an expired lifetime, a foreign key).
    static func token(for user: TestUser, settings: IdentitySettings, client: GraphQLClient) async throws -> String {
        let services = client.services
        let identity = IdentityService(
            database: services.database, provisioner: services.tenancy.provisioner, settings: settings,
            throttle: LoginThrottle(redis: nil, logger: services.logger), logger: services.logger)
        return try await identity.login(email: user.email, password: user.password, rememberMe: false, origin: ClientOrigin()).1.accessToken
    }
}

extension UUID {
    var apiIDForTests: String { uuidString.lowercased() }
}

/// SHA-256 in lower-case hex, as APQ clients compute it.
enum SHA256Hex {
    static func of(_ text: String) -> String {
        Crypto.SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
