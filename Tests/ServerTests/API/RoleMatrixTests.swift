import API
import Domain
import Foundation
import GraphQLEngine
import Testing
import TestSupport

/// Every guarded field of schema.graphql × every kind of caller, generated from the schema: a field that gains
/// `@authenticated`, `@requires` or `@requiresPlatform` is covered here without a new test.
///
/// For each guarded field the generator finds a path from the root, fills required arguments (the fixture workspace
/// for `id`/`workspaceId`, harmless values otherwise), and computes what each caller must get from the directives along
/// the path: the first denial (UNAUTHENTICATED, NOT_FOUND for a workspace the caller cannot open, FORBIDDEN) at its
/// path, or no guard denial at all.
@Suite struct RoleMatrixTests {
    enum Caller: String, CaseIterable, Sendable {
        case owner, admin, member, viewer, advisorRead, advisorWrite, nonMember, anonymous, platformAdmin

        /// The caller's access to the fixture workspace.
        var access: AccessRole? {
            switch self {
            case .owner: .owner
            case .admin: .admin
            case .member: .member
            case .viewer: .viewer
            case .advisorRead: .advisorRead
            case .advisorWrite: .advisorWrite
            case .nonMember, .anonymous, .platformAdmin: nil
            }
        }

        var platformRank: Int? {
            switch self {
            case .anonymous: nil
            case .platformAdmin: 2
            default: 0
            }
        }
    }

    /// One generated probe: the operation and the response path of each field from the root to the guarded one.
    struct Probe: CustomStringConvertible {
        let field: String
        let operation: String
        let isMutation: Bool
        /// A Subscription root field: checked through the engine's `subscribe`, which runs its guard before the stream
        /// opens (the WebSocket tests cover the transport).
        let isSubscription: Bool
        /// (response path, directives of that field, whether it is Query.workspace) from root to target.
        let steps: [(path: [GraphQLValue], directives: [Directive], opensWorkspace: Bool)]
        var description: String { field }
    }

    static let schema: GraphQLSchema = {
        let url = TestStack.repositoryRoot.appendingPathComponent("schema.graphql")
        return try! buildSchema(try! String(contentsOf: url, encoding: .utf8))
    }()

    static let guardNames: Set<String> = ["authenticated", "requires", "requiresPlatform"]

    /// Every guarded field of the schema as a probe against `workspace`.
    static func probes(workspace: UUID) -> [Probe] {
        var probes: [Probe] = []
        for type in schema.types {
            guard let object = type.fieldsType, !type.name.hasPrefix("__") else { continue }
            for field in object.fields where field.directives.contains(where: { guardNames.contains($0.name.value) }) {
                guard let probe = probe(for: field, on: type.name, workspace: workspace) else {
                    Issue.record("no path from a root to \(type.name).\(field.name): the role matrix cannot reach it")
                    continue
                }
                probes.append(probe)
            }
        }
        return probes
    }

    /// Builds the operation reaching `field` of `typeName` by a breadth-first search from Query (or Mutation, or
    /// Subscription for its own root fields).
    static func probe(for field: FieldDefinitionModel, on typeName: String, workspace: UUID) -> Probe? {
        let isMutation = typeName == "Mutation"
        let isSubscription = typeName == "Subscription"
        let root = isMutation || isSubscription ? typeName : "Query"
        // Breadth-first over object fields: type name → the chain of (type, field) leading to it.
        var chains: [String: [(String, FieldDefinitionModel)]] = [root: []]
        var queue = [root]
        while !queue.isEmpty, chains[typeName] == nil {
            let current = queue.removeFirst()
            guard let object = schema.type(named: current)?.fieldsType else { continue }
            for next in object.fields {
                let target = schema.namedType(next.type)
                guard target.fieldsType != nil, chains[target.name] == nil else { continue }
                chains[target.name] = chains[current]! + [(current, next)]
                queue.append(target.name)
            }
        }
        guard let chain = chains[typeName] else { return nil }
        let fields = chain.map(\.1) + [field]
        var selection = schema.namedType(field.type).isCompositeType ? " { __typename }" : ""
        for step in fields.reversed() {
            selection = " { \(step.name)\(arguments(of: step, workspace: workspace))\(selection) }"
        }
        var steps: [(path: [GraphQLValue], directives: [Directive], opensWorkspace: Bool)] = []
        var path: [GraphQLValue] = []
        for (index, step) in fields.enumerated() {
            path.append(.string(step.name))
            steps.append((path, step.directives, index == 0 && !isMutation && step.name == "workspace"))
        }
        return Probe(
            field: "\(typeName).\(field.name)", operation: (isMutation ? "mutation" : isSubscription ? "subscription" : "query") + selection,
            isMutation: isMutation, isSubscription: isSubscription, steps: steps)
    }

    /// Literal arguments for every required argument (and `workspaceId`/`id` always).
    static func arguments(of field: FieldDefinitionModel, workspace: UUID) -> String {
        let parts = field.arguments.compactMap { argument -> String? in
            if argument.name == "workspaceId" || argument.name == "id" { return "\(argument.name): \"\(workspace.apiIDForTests)\"" }
            guard argument.isRequired else { return nil }
            return "\(argument.name): \(literal(for: argument.type))"
        }
        return parts.isEmpty ? "" : "(" + parts.joined(separator: ", ") + ")"
    }

    /// A harmless literal of a type: ids that name nothing, probe strings, the last (weakest) enum value.
    static func literal(for type: TypeRef) -> String {
        if let item = type.nullable.listItem { return "[\(literal(for: item))]" }
        switch schema.namedType(type) {
        case .scalar(let scalar):
            switch scalar.name {
            case "ID": return "\"\(UUID().uuidString.lowercased())\""
            case "Int": return "1"
            case "Float": return "1.0"
            case "Boolean": return "false"
            case "DateTime": return "\"2099-01-01T00:00:00Z\""
            case "Date": return "\"2099-01-01\""
            case "Decimal": return "\"1\""
            case "Currency": return "\"USD\""
            default: return "\"matrix-probe\""
            }
        case .enumType(let e): return e.values.last?.name ?? "X"
        case .inputObject(let input):
            let fields = input.fields.filter(\.isRequired).map { "\($0.name): \(literal(for: $0.type))" }
            return "{" + fields.joined(separator: ", ") + "}"
        default: return "null"
        }
    }

    /// What `caller` must get at one step: nil to pass, or the code of the denial.
    static func denial(at step: (path: [GraphQLValue], directives: [Directive], opensWorkspace: Bool), for caller: Caller) -> String? {
        for directive in step.directives {
            let role: String? = {
                guard let argument = directive.arguments.first(where: { $0.name.value == "role" }), case .enumValue(let name, _) = argument.value else { return nil }
                return name
            }()
            switch directive.name.value {
            case "authenticated":
                if caller == .anonymous { return "UNAUTHENTICATED" }
            case "requiresPlatform":
                guard let rank = caller.platformRank else { return "UNAUTHENTICATED" }
                let needed = ["USER": 0, "SUPPORT": 1, "ADMIN": 2][role ?? ""] ?? 99
                if rank < needed { return "FORBIDDEN" }
            case "requires":
                if caller == .anonymous { return "UNAUTHENTICATED" }
                guard let access = caller.access else { return "NOT_FOUND" }
                guard let needed = role.flatMap(AccessRole.init(rawValue:)) else { return "INTERNAL" }
                if !access.satisfies(needed) { return "FORBIDDEN" }
            default:
                continue
            }
        }
        if step.opensWorkspace && caller != .anonymous && caller.access == nil { return "NOT_FOUND" }
        return nil
    }

    @Test func everyGuardedFieldAnswersEveryCallerAsItsDirectivesSay() async throws {
        try await APIHarness.withServer { client in
            var fixture = try await MatrixFixture.make(client)
            let queryWorkspace = try await fixture.workspace(client)
            let queryProbes = Self.probes(workspace: queryWorkspace).filter { !$0.isMutation && !$0.isSubscription }
            let subscriptionProbes = Self.probes(workspace: queryWorkspace).filter(\.isSubscription)
            #expect(subscriptionProbes.count >= 4, "the schema's guarded subscription fields: \(subscriptionProbes)")
            let mutationFields = Self.probes(workspace: queryWorkspace).filter(\.isMutation).map(\.field)
            #expect(queryProbes.count >= 8, "the schema's guarded query fields: \(queryProbes)")
            #expect(mutationFields.count >= 20, "the schema's guarded mutations: \(mutationFields)")
            var checked = 0
            for probe in queryProbes {
                for caller in Caller.allCases {
                    try await Self.check(probe, caller: caller, fixture: fixture, client: client)
                    checked += 1
                }
            }
            let executable = try APISchema.load(path: TestStack.repositoryRoot.appendingPathComponent("schema.graphql").path)
            for probe in subscriptionProbes {
                for caller in Caller.allCases {
                    try await Self.checkSubscription(probe, caller: caller, fixture: fixture, client: client, executable: executable)
                    checked += 1
                }
            }
            // Each mutation gets a fresh workspace, so what one caller's allowed call changes (a rename, leaving,
            // deleting) cannot hide what the next caller would get.
            for field in mutationFields {
                for caller in Caller.allCases {
                    let workspace = try await fixture.workspace(client)
                    guard let probe = Self.probes(workspace: workspace).first(where: { $0.field == field }) else { continue }
                    try await Self.check(probe, caller: caller, fixture: fixture, client: client)
                    checked += 1
                    // An allowed `logout` ends the caller's session, and its token with it: sign the caller in again.
                    try await fixture.renewEndedSession(of: caller, client)
                }
            }
            #expect(checked == (queryProbes.count + subscriptionProbes.count + mutationFields.count) * Caller.allCases.count)
        }
    }

    /// Subscribes as `caller` and compares the guard's answer (an error before the stream, or a stream) with the
    /// directives'.
    static func checkSubscription(
        _ probe: Probe, caller: Caller, fixture: MatrixFixture, client: GraphQLClient, executable: ExecutableSchema
    ) async throws {
        let claims = try fixture.tokens[caller].map { try client.services.identity.authenticate(accessToken: $0) }
        let context = RequestContext(services: client.services, claims: claims, origin: ClientOrigin(address: "127.0.0.1", userAgent: nil))
        let outcome = await GraphQLEngine.subscribe(schema: executable, document: try parse(probe.operation), context: context)
        let expected = probe.steps.lazy.compactMap { step in denial(at: step, for: caller).map { (step.path, $0) } }.first
        switch outcome {
        case .failed(let result):
            let error = result.errors.first
            #expect(expected != nil, "\(probe.field) as \(caller.rawValue): refused, \(result.errors)")
            if let (path, code) = expected {
                #expect(error?.extensions["code"] == code, "\(probe.field) as \(caller.rawValue): \(result.errors)")
                #expect(error?.path?.map { "\($0)" } == path.compactMap(\.stringValue), "\(probe.field) as \(caller.rawValue)")
            }
        case .stream:
            #expect(expected == nil, "\(probe.field) as \(caller.rawValue): a stream opened; expected \(String(describing: expected?.1))")
        }
    }

    static func check(_ probe: Probe, caller: Caller, fixture: MatrixFixture, client: GraphQLClient) async throws {
        let response = try await client.post(probe.operation, token: fixture.tokens[caller])
        let label = "\(probe.field) as \(caller.rawValue): \(response.body)"
        #expect(response.status == .ok, "\(label)")
        let expected = probe.steps.lazy.compactMap { step in denial(at: step, for: caller).map { (step.path, $0) } }.first
        // Guards tag their denials with extensions.guard; opening a workspace one may not gives NOT_FOUND at `workspace`.
        let denials = response.errors.filter { error in
            error["extensions"]?["guard"] != nil
                || (error["path"]?.listValue == ["workspace"] && error["extensions"]?["code"]?.stringValue == "NOT_FOUND")
        }
        if let (path, code) = expected {
            let error = denials.first { $0["path"]?.listValue == path }
            #expect(error?["extensions"]?["code"]?.stringValue == code, "expected \(code) at \(path): \(label)")
            var value = response.data
            for key in path { value = value[key.stringValue ?? ""] ?? .null }
            #expect(value == .null, "a denied field carries no data: \(label)")
        } else {
            #expect(denials.isEmpty, "expected no denial: \(label)")
        }
    }
}

/// The callers of the role matrix and a way to make a client workspace they all relate to as their names say.
struct MatrixFixture: Sendable {
    var users: [RoleMatrixTests.Caller: TestUser]
    let advisorReadWorkspace: UUID
    let advisorWriteWorkspace: UUID

    var tokens: [RoleMatrixTests.Caller: String] { users.mapValues(\.token) }

    static func make(_ client: GraphQLClient) async throws -> MatrixFixture {
        var users: [RoleMatrixTests.Caller: TestUser] = [:]
        for caller in RoleMatrixTests.Caller.allCases where caller != .anonymous {
            users[caller] = try await client.signUp("matrix-\(caller.rawValue)")
        }
        try await client.promote(users[.owner]!)
        try await client.promote(users[.advisorRead]!)
        try await client.promote(users[.advisorWrite]!)
        try await client.promote(users[.platformAdmin]!, business: false, platformRole: .admin)
        return MatrixFixture(
            users: users,
            advisorReadWorkspace: try await client.createWorkspace(users[.advisorRead]!, name: "Read practice", kind: "ADVISOR"),
            advisorWriteWorkspace: try await client.createWorkspace(users[.advisorWrite]!, name: "Write practice", kind: "ADVISOR"))
    }

    /// Signs the caller in again when its token no longer opens `me` (its session ended).
    mutating func renewEndedSession(of caller: RoleMatrixTests.Caller, _ client: GraphQLClient) async throws {
        guard let user = users[caller] else { return }
        let me = try await client.post("{ me { id } }", token: user.token)
        if me.codes == ["UNAUTHENTICATED"] { users[caller] = try await client.signIn(email: user.email) }
    }

    /// A new BUSINESS workspace: owner, admin, member and viewer members, and both advisor practices granted.
    func workspace(_ client: GraphQLClient) async throws -> UUID {
        let id = try await client.createWorkspace(users[.owner]!, name: "Matrix books")
        try await client.addMember(users[.admin]!, to: id, role: .admin)
        try await client.addMember(users[.member]!, to: id, role: .member)
        try await client.addMember(users[.viewer]!, to: id, role: .viewer)
        try await client.grant(advisor: advisorReadWorkspace, client: id, access: .read)
        try await client.grant(advisor: advisorWriteWorkspace, client: id, access: .write)
        return id
    }
}
