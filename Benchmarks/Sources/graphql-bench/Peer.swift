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

extension Peer {
    /// Times the peer's `execute` of an already parsed and validated request over
    /// dictionaries, every field resolved by its default resolver.
    static func execution(_ workload: ExecutionWorkload) async throws -> Prepared {
        let schema = try buildSchema(source: workload.sdl)
        let document = try parse(source: workload.query)
        let errors = validate(schema: schema, ast: document)
        guard errors.isEmpty else { throw SanityError("peer: \(errors[0].message)") }
        let root = value(workload.root)
        let first = try await execute(schema: schema, documentAST: document, rootValue: root, context: ())
        guard first.errors.isEmpty, let data = first.data else {
            throw SanityError("peer: execution failed: \(first.errors.first?.message ?? "no data")")
        }
        let top = data["items"].isArray ? data["items"] : data["groups"]
        return Prepared(
            workload: .async {
                blackHole(try await execute(schema: schema, documentAST: document, rootValue: root, context: ()))
            },
            fingerprint: shapeOf(top))
    }

    /// Times the peer's `execute` of the introspection query against GitHub's schema.
    static func introspection(query: String, sdl: String) async throws -> Prepared {
        let schema = try buildSchema(source: sdl)
        let document = try parse(source: query)
        let first = try await execute(schema: schema, documentAST: document, rootValue: (), context: ())
        guard first.errors.isEmpty, case .array(let types) = first.data?["__schema"]["types"] ?? .undefined else {
            throw SanityError("peer: introspection failed: \(first.errors.first?.message ?? "no types")")
        }
        return Prepared(
            workload: .async {
                blackHole(try await execute(schema: schema, documentAST: document, rootValue: (), context: ()))
            },
            fingerprint: introspectionFingerprint(types.map { type in
                let name: String
                if case .string(let s) = type["name"] { name = s } else { name = "" }
                let fields: Int
                if case .array(let f) = type["fields"] { fields = f.count } else { fields = 0 }
                return (name, fields)
            }))
    }

    private static func value(_ node: ExecutionWorkload.Node) -> any Sendable {
        switch node {
        case .string(let s): return s
        case .int(let i): return i
        case .double(let d): return d
        case .bool(let b): return b
        case .list(let items): return items.map(value)
        case .object(let fields):
            var dictionary: [String: any Sendable] = [:]
            for (key, v) in fields { dictionary[key] = value(v) }
            return dictionary
        }
    }

    private static func shapeOf(_ top: Map) -> String {
        var objects = 1
        var leaves = 0
        func walk(_ m: Map) {
            switch m {
            case .dictionary(let d):
                objects += 1
                for value in d.values { walk(value) }
            case .array(let items):
                for item in items { walk(item) }
            default:
                leaves += 1
            }
        }
        walk(top)
        return "objects=\(objects) leaves=\(leaves)"
    }
}
