import GraphQL

/// The peer's side of each benchmark: GraphQLSwift/GraphQL 4.3.0, a port of graphql-js.
///
/// This file imports only `GraphQL` and `Ours.swift` imports only `GraphQLEngine`: both
/// modules export `parse`, `buildSchema`, `validate`, `Document` and `GraphQLSchema`, and
/// keeping each engine in its own file keeps every call unambiguous.
enum Peer {
    /// Times `parse(source:)` of `source`.
    static func parsing(_ source: String) throws -> Prepared {
        let document = try parse(source: source)
        return Prepared(
            workload: .sync { blackHole(try parse(source: source)) },
            fingerprint: "definitions=\(document.definitions.count)"
        )
    }

    /// Times building a schema from `sdl` and validating it.
    ///
    /// The peer's `buildSchema` checks the SDL document but, like graphql-js, leaves the
    /// type-system rules (interfaces implemented correctly, root types are objects, ...)
    /// to a later `validateSchema`. Our `buildSchema` returns an already validated schema,
    /// so both steps are timed here to compare the same work.
    static func schemaBuilding(_ sdl: String) throws -> Prepared {
        let schema = try buildSchema(source: sdl)
        let errors = validateSchema(schema: schema)
        guard errors.isEmpty else {
            throw SanityError("peer: schema has \(errors.count) errors: \(errors[0].message)")
        }
        return Prepared(
            workload: .sync {
                let schema = try buildSchema(source: sdl)
                blackHole(validateSchema(schema: schema))
            },
            fingerprint: fingerprint(of: schema)
        )
    }

    /// Times `validate(schema:ast:)` of `query` against the schema built from `sdl`; both
    /// the parse and the schema build happen before the timed region.
    static func validation(query: String, sdl: String) throws -> Prepared {
        let schema = try buildSchema(source: sdl)
        let schemaErrors = validateSchema(schema: schema)
        guard schemaErrors.isEmpty else {
            throw SanityError("peer: schema has \(schemaErrors.count) errors: \(schemaErrors[0].message)")
        }
        let document = try parse(source: query)
        let errors = validate(schema: schema, ast: document)
        guard errors.isEmpty else {
            throw SanityError("peer: validation returned \(errors.count) errors: \(errors[0].message)")
        }
        return Prepared(
            workload: .sync { blackHole(validate(schema: schema, ast: document)) },
            fingerprint: "errors=0"
        )
    }

    /// Counts that any correct SDL build must agree on: the schema's own named types
    /// (introspection types and the five built-in scalars excluded, since engines differ
    /// in whether unused ones are registered) and the query root's fields.
    private static func fingerprint(of schema: GraphQLSchema) -> String {
        let builtIn: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]
        let ownTypes = schema.typeMap.keys.filter { !$0.hasPrefix("__") && !builtIn.contains($0) }
        let queryFields = (try? schema.queryType?.fields().count) ?? 0
        return "types=\(ownTypes.count) query=\(schema.queryType?.name ?? "-") queryFields=\(queryFields)"
    }
}
