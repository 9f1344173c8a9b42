@testable import GraphQLEngine
import Testing

/// Allows `@requires(role: R)` fields when the context's role is R or ranks above it.
struct RoleGuard: FieldGuard {
    let directiveNames: Set<String> = ["requires"]
    static let ranks = ["VIEWER": 0, "MEMBER": 1, "ADMIN": 2, "OWNER": 3]

    func check(field: FieldDefinitionModel, directives: [Directive], input: FieldInput) async -> GraphQLError? {
        guard let directive = directives.first(where: { $0.name.value == "requires" }),
            case .enumValue(let needed, _)? = directive.arguments.first?.value
        else { return nil }
        let role = input.context as? String ?? ""
        if (Self.ranks[role] ?? -1) >= (Self.ranks[needed] ?? .max) { return nil }
        return GraphQLError("Forbidden: \(input.info.parentType).\(field.name) needs role \(needed).", extensions: ["code": "FORBIDDEN"])
    }
}

@Suite struct GuardTests {
    let executable: ExecutableSchema

    init() throws {
        let schema = try buildSchema("""
            enum Role { VIEWER MEMBER ADMIN OWNER }
            directive @requires(role: Role!) on FIELD_DEFINITION
            type Query { workspace: Workspace }
            type Workspace {
              name: String
              budget: Int @requires(role: MEMBER)
              payroll: Int! @requires(role: ADMIN)
              auditLog: [String] @requires(role: OWNER)
            }
            """)
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "workspace") { _ in .value(["name": "Acme", "budget": 10, "payroll": 99, "auditLog": ["x"]]) }
        builder.guardFields(with: RoleGuard())
        executable = try builder.build()
    }

    func run(_ query: String, role: String) async throws -> ExecutionResult {
        await execute(schema: executable, document: try parse(query), context: role)
    }

    @Test func deniedFieldsAreNullWithForbiddenAndTheRestStands() async throws {
        let result = try await run("{ workspace { name budget auditLog } }", role: "MEMBER")
        #expect(result.data == ["workspace": ["name": "Acme", "budget": 10, "auditLog": .null]])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.extensions["code"] == "FORBIDDEN")
        #expect(result.errors.first?.path == [.key("workspace"), .key("auditLog")])
    }

    @Test func aDeniedNonNullFieldNullsItsParent() async throws {
        let result = try await run("{ workspace { name payroll } }", role: "MEMBER")
        #expect(result.data == ["workspace": .null])
        #expect(result.errors.first?.extensions["code"] == "FORBIDDEN")
    }

    @Test func allowedRolesSeeEverything() async throws {
        let result = try await run("{ workspace { name budget payroll auditLog } }", role: "OWNER")
        #expect(result.errors.isEmpty)
        #expect(result.data == ["workspace": ["name": "Acme", "budget": 10, "payroll": 99, "auditLog": ["x"]]])
    }
}
