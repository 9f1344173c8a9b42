import Domain
import Foundation
import GraphQLEngine
import Persistence
import PostgresNIO
import TestSupport

/// A registered, signed-in user of a test.
struct TestUser: Sendable {
    let id: UUID
    let email: String
    let password: String
    let token: String
    let refreshToken: String
}

/// Errors that make a fixture unusable; the test stops with the reason.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

extension GraphQLClient {
    static let password = "correct horse battery staple 42"

    /// Registers through the API, then signs in through the API.
    func signUp(_ prefix: String = "user", name: String? = nil) async throws -> TestUser {
        let email = TestStack.uniqueEmail(prefix)
        let registered = try await post(
            "mutation($i: RegisterInput!) { register(input: $i) { message } }",
            variables: ["i": ["email": .string(email), "password": .string(Self.password), "displayName": .string(name ?? prefix)]])
        guard registered.data("register", "message").stringValue != nil else { throw FixtureError(description: "register failed: \(registered.body)") }
        return try await signIn(email: email)
    }

    /// Signs in through the API.
    func signIn(email: String, password: String = GraphQLClient.password) async throws -> TestUser {
        let login = try await post(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken user { id } } }",
            variables: ["i": ["email": .string(email), "password": .string(password)]])
        guard let token = login.data("login", "accessToken").stringValue,
            let refresh = login.data("login", "refreshToken").stringValue,
            let id = login.data("login", "user", "id").stringValue.flatMap(UUID.init(uuidString:))
        else { throw FixtureError(description: "login failed: \(login.body)") }
        return TestUser(id: id, email: email, password: password, token: token, refreshToken: refresh)
    }

    /// Runs SQL as the application, outside any workspace: fixture set-up and checks, never the thing under test.
    func sql(_ query: PostgresQuery) async throws {
        try await services.database.withControlTransaction { connection in
            try await connection.query(query, logger: services.logger)
        }
    }

    /// Values of one text column.
    func strings(_ query: PostgresQuery) async throws -> [String] {
        let rows = try await services.database.client.query(query, logger: services.logger)
        var values: [String] = []
        for try await value in rows.decode(String.self) { values.append(value) }
        return values
    }

    /// A count.
    func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await services.database.client.query(query, logger: services.logger)
        var value = 0
        for try await n in rows.decode(Int64.self) { value = Int(n) }
        return value
    }

    /// The token of the newest mail of `template` to `email` (the part after `token=` in its link).
    func mailedToken(to email: String, template: String) async throws -> String {
        let bodies = try await strings(
            "SELECT text_body FROM control.mail_outbox WHERE lower(to_address) = lower(\(email)) AND template = \(template) ORDER BY id DESC LIMIT 1")
        guard let body = bodies.first, let range = body.range(of: "token=") else {
            throw FixtureError(description: "no \(template) mail to \(email)")
        }
        return String(body[range.upperBound...].prefix { !$0.isWhitespace && $0 != "&" })
    }

    /// Gives a user business status and a platform role directly (fixtures only; the admin API has its own tests).
    func promote(_ user: TestUser, business: Bool = true, platformRole: PlatformRole? = nil) async throws {
        try await sql("UPDATE control.users SET is_business = \(business) WHERE id = \(user.id)")
        if let platformRole {
            try await sql("UPDATE control.users SET platform_role = \(platformRole.rawValue) WHERE id = \(user.id)")
        }
    }

    /// Creates a workspace through the API as `owner` (who needs business status) and returns its id.
    func createWorkspace(_ owner: TestUser, name: String, kind: String = "BUSINESS") async throws -> UUID {
        let created = try await post(
            "mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { id } }",
            variables: ["i": ["name": .string(name), "kind": .enumValue(kind)]], token: owner.token)
        guard let id = created.data("createWorkspace", "id").stringValue.flatMap(UUID.init(uuidString:)) else {
            throw FixtureError(description: "createWorkspace failed: \(created.body)")
        }
        return id
    }

    /// Adds a membership directly.
    func addMember(_ user: TestUser, to workspace: UUID, role: WorkspaceRole) async throws {
        try await sql(
            "INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(workspace), \(user.id), \(role.rawValue))")
    }

    /// Adds an active advisor grant directly.
    func grant(advisor: UUID, client: UUID, access: AdvisorAccess) async throws {
        try await sql(
            """
            INSERT INTO control.advisor_grants (id, advisor_workspace_id, client_workspace_id, access, status, initiated_by)
            VALUES (\(UUID()), \(advisor), \(client), \(access.rawValue), 'ACTIVE', 'CLIENT')
            """)
    }
}

extension GraphQLValue {
    /// An enum value inside variables is a JSON string.
    static func enumValue(_ name: String) -> GraphQLValue { .string(name) }
}
