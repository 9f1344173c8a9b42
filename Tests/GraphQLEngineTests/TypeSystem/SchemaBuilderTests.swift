@testable import GraphQLEngine
import Testing

@Suite struct SchemaBuilderTests {
    func messages(_ sdl: String) -> [String] {
        do {
            _ = try buildSchema(sdl)
            return []
        } catch {
            return error.errors.map(\.message)
        }
    }

    @Test func buildsTheGitHubSchema() throws {
        let schema = try buildSchema(try fixture("github-schema.graphql"))
        #expect(schema.type(named: "Repository")?.fieldsType?.field(named: "issues") != nil)
        #expect(schema.queryType.map { schema.types[$0].name } == "Query")
        #expect(schema.mutationType.map { schema.types[$0].name } == "Mutation")
        #expect(schema.type(named: "__Schema") != nil)
        #expect(schema.directive(named: "deprecated") != nil)
    }

    @Test func modelsEveryKindWithExtensionsAndDirectives() throws {
        let schema = try buildSchema("""
            "The root"
            type Query { node(id: ID!): Node, search: [Result!]! old: String @deprecated }
            interface Node { id: ID! }
            interface Named implements Node { id: ID! name: String }
            type User implements Node & Named { id: ID! name: String }
            union Result = User
            extend union Result = Team
            type Team implements Node { id: ID! }
            enum Role { OWNER MEMBER @deprecated(reason: "use OWNER") }
            extend enum Role { VIEWER }
            input Filter @oneOf { byId: ID byName: String }
            scalar Decimal @specifiedBy(url: "https://example.com/decimal")
            directive @requires(role: Role = OWNER) repeatable on FIELD_DEFINITION | OBJECT
            """)
        let query = try #require(schema.type(named: "Query")?.fieldsType)
        #expect(query.description == "The root")
        #expect(query.field(named: "old")?.deprecationReason == "No longer supported")
        #expect(schema.possibleTypes(of: schema.typeIndex(named: "Result")!).map { schema.types[$0].name } == ["User", "Team"])
        #expect(schema.possibleTypes(of: schema.typeIndex(named: "Node")!).map { schema.types[$0].name }.sorted() == ["Team", "User"])
        #expect(schema.isSubType(schema.typeIndex(named: "Node")!, schema.typeIndex(named: "Named")!))
        guard case .enumType(let role) = schema.type(named: "Role") else { Issue.record("Role"); return }
        #expect(role.values.map(\.name) == ["OWNER", "MEMBER", "VIEWER"])
        #expect(role.value(named: "MEMBER")?.deprecationReason == "use OWNER")
        guard case .inputObject(let filter) = schema.type(named: "Filter") else { Issue.record("Filter"); return }
        #expect(filter.isOneOf)
        guard case .scalar(let decimal) = schema.type(named: "Decimal") else { Issue.record("Decimal"); return }
        #expect(decimal.specifiedByURL == "https://example.com/decimal")
        #expect(schema.directive(named: "requires")?.isRepeatable == true)
    }

    @Test func reportsSDLMistakes() {
        #expect(messages("type Query { a: Missing }") == ["Unknown type \"Missing\"."])
        #expect(messages("type Query { a: Int } type Query { b: Int }") == ["There can be only one type named \"Query\"."])
        #expect(messages("type Query { a: Int a: String }") == ["Field \"Query.a\" can only be defined once."])
        #expect(messages("type Query { a: Int } extend type Nope { b: Int }") == ["Cannot extend type \"Nope\" because it is not defined."])
        #expect(messages("type Query { a: Int } extend input Query { b: Int }") == ["Cannot extend non-object type \"Query\"."])
        #expect(messages("type Foo { a: Int }") == ["Query root type must be provided."])
    }

    @Test func reportsTypeSystemRuleViolations() {
        #expect(messages("type Query { a: I } interface I { f(x: Int): String } type T implements I { f: Int }") == [
            "Interface field I.f expects type String but T.f is type Int.",
            "Interface field argument I.f(x:) expected but T.f does not provide it.",
        ])
        #expect(messages("type Query { a: I } interface I { f: String } type T implements I { g: Int }")
            == ["Interface field I.f expected but T does not provide it."])
        // Covariant return types are allowed.
        #expect(messages("type Query { a: I } interface I { f: I } type T implements I { f: T! }").isEmpty)
        #expect(messages("type Query { a: I } interface I implements J { f: Int } interface J { f: Int } type T implements I { f: Int }")
            == ["Type T must implement J because it is implemented by I."])
        #expect(messages("type Query { a(i: In): Int } input In { self: In! }")
            == ["Cannot reference Input Object \"In\" within itself through a series of non-null fields: \"self\"."])
        #expect(messages("type Query { a(i: In): Int } input In @oneOf { x: Int! y: String = \"a\" }") == [
            "OneOf input field In.x must be nullable.", "OneOf input field In.y cannot have a default value.",
        ])
        #expect(messages("type Query { a: U __b: Int } union U = Query | In input In { x: Int }") == [
            "Name \"__b\" must not begin with \"__\", which is reserved by GraphQL introspection.",
            "Union type U can only include Object types, it cannot include In.",
        ])
        #expect(messages("type Query { a(x: Query): In } input In { x: Int }") == [
            "The type of Query.a must be Output Type but got: In.",
            "The type of Query.a(x:) must be Input Type but got: Query.",
        ])
        #expect(messages("type Query { a(x: Int! @deprecated): Int }")
            == ["Required argument Query.a(x:) cannot be deprecated."])
    }
}
