import Foundation
import GraphQLEngine

/// schema.graphql bound to the resolvers. Building it checks that every field of a Swift-backed type (and of Query
/// and Mutation) has a resolver and that no resolver names a field the schema lacks, so a mismatch stops start-up.
public enum APISchema {
    /// The executable schema for the SDL text of schema.graphql.
    public static func build(sdl: String) throws -> ExecutableSchema {
        let schema = try buildSchema(sdl)
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.scalar("DateTime", DateTimeScalar.coercion)
        builder.guardFields(with: AuthorizationGuard())
        builder.sourceBacked("Query")
        builder.sourceBacked("Mutation")
        builder.bindQuery()
        builder.bindUsers()
        builder.bindWorkspaces()
        builder.bindAdmin()
        builder.bindIdentityMutations()
        builder.bindWorkspaceMutations()
        builder.bindAdminMutations()
        return try builder.build()
    }

    /// Reads and binds schema.graphql from `path`.
    public static func load(path: String) throws -> ExecutableSchema {
        let sdl: String
        do {
            sdl = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw APISchemaError(problem: "cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try build(sdl: sdl)
        } catch let error as GraphQLSchemaError {
            throw APISchemaError(problem: "\(path) does not fit the resolvers:\n" + error.errors.map { "  - \($0.message)" }.joined(separator: "\n"))
        }
    }
}

/// schema.graphql is missing, invalid, or out of step with the resolvers.
public struct APISchemaError: Error, CustomStringConvertible {
    public let problem: String
    public var description: String { "schema error: \(problem)" }
}
