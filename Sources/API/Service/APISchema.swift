import Foundation
import GraphQLEngine

/// schema.graphql bound to the resolvers. Building it checks that every field of a Swift-backed type (and of Query
/// and Mutation) has a resolver and that no resolver names a field the schema lacks, so a mismatch stops start-up.
public enum APISchema {
    /// The executable schema for the SDL text of schema.graphql.
    public static func build(sdl: String) throws -> ExecutableSchema {
        let schema = try buildSchema(sdl)
        let strict = guardedNonNullFields(schema)
        guard strict.isEmpty else {
            throw GraphQLSchemaError(errors: strict.map {
                GraphQLError("\($0) carries a guard directive but is non-null: a denial would null its parent. Make it nullable.")
            })
        }
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.scalar("DateTime", DateTimeScalar.coercion)
        builder.scalar("Date", LedgerScalars.date)
        builder.scalar("Decimal", LedgerScalars.decimal)
        builder.scalar("Currency", LedgerScalars.currency)
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
        builder.bindAdminJobs()
        builder.bindLedger()
        builder.bindWorkspaceLedger()
        builder.bindDashboard()
        builder.bindRecurring()
        builder.bindImports()
        builder.bindCurrency()
        builder.bindLedgerMutations()
        builder.bindNotifications()
        builder.bindNotificationMutations()
        builder.bindSubscriptions()
        return try builder.build()
    }

    /// Guarded fields whose type is non-null, as "Type.field".
    static func guardedNonNullFields(_ schema: GraphQLSchema) -> [String] {
        let guards = AuthorizationGuard().directiveNames
        return schema.types.flatMap { type -> [String] in
            guard let fields = type.fieldsType?.fields, !type.name.hasPrefix("__") else { return [] }
            return fields.filter { field in field.type.isNonNull && field.directives.contains { guards.contains($0.name.value) } }
                .map { "\(type.name).\($0.name)" }
        }
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
