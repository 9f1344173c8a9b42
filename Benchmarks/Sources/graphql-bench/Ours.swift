import GraphQLEngine

/// Our side of each benchmark: the `GraphQLEngine` module of the root package.
///
/// Imports only `GraphQLEngine`; see `Peer.swift` for why the engines live in separate
/// files.
enum Ours {
    /// Times `parse(_:)` of `source`.
    static func parsing(_ source: String) throws -> Prepared {
        let document = try parse(source)
        return Prepared(
            workload: .sync { blackHole(try parse(source)) },
            fingerprint: "definitions=\(document.definitions.count)"
        )
    }

    /// Times `buildSchema(_:)` of `sdl`, which returns a validated schema.
    static func schemaBuilding(_ sdl: String) throws -> Prepared {
        let schema = try buildSchema(sdl)
        return Prepared(
            workload: .sync { blackHole(try buildSchema(sdl)) },
            fingerprint: fingerprint(of: schema)
        )
    }

    /// Times `validate(schema:document:)` of `query` against the schema built from `sdl`;
    /// both the parse and the schema build happen before the timed region.
    static func validation(query: String, sdl: String) throws -> Prepared {
        let schema = try buildSchema(sdl)
        let document = try parse(query)
        let errors = validate(schema: schema, document: document)
        guard errors.isEmpty else {
            throw SanityError("ours: validation returned \(errors.count) errors: \(errors[0].message)")
        }
        return Prepared(
            workload: .sync { blackHole(validate(schema: schema, document: document)) },
            fingerprint: "errors=0"
        )
    }

    /// The same counts as `Peer.fingerprint(of:)`: own named types (introspection types
    /// and built-in scalars excluded) and the query root's fields.
    private static func fingerprint(of schema: GraphQLSchema) -> String {
        let builtIn: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]
        let ownTypes = schema.types.filter { !$0.name.hasPrefix("__") && !builtIn.contains($0.name) }
        let query = schema.queryType.map { schema.types[$0] }
        let queryFields = query?.fieldsType?.fields.count ?? 0
        return "types=\(ownTypes.count) query=\(query?.name ?? "-") queryFields=\(queryFields)"
    }
}
