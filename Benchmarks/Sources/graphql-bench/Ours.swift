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

extension Ours {
    /// Times `execute` of an already parsed and validated request over JSON-like data,
    /// every field resolved by the default resolver.
    static func execution(_ workload: ExecutionWorkload) async throws -> Prepared {
        let schema = ExecutableSchema(schema: try buildSchema(workload.sdl))
        let document = try parse(workload.query)
        let errors = validate(schema: schema.schema, document: document)
        guard errors.isEmpty else { throw SanityError("ours: \(errors[0].message)") }
        let root = value(workload.root)
        let first = await execute(schema: schema, document: document, rootValue: root)
        guard first.errors.isEmpty, let data = first.data else {
            throw SanityError("ours: execution failed: \(first.errors.first?.message ?? "no data")")
        }
        let shape = shapeOf(data["items"] ?? data["groups"] ?? .null)
        guard shape == workload.expectedShape().replacingOccurrences(of: "objects=", with: "objects=") else {
            throw SanityError("ours: response shape \(shape), expected \(workload.expectedShape())")
        }
        return Prepared(
            workload: .async { blackHole(await execute(schema: schema, document: document, rootValue: root)) },
            fingerprint: shape)
    }

    /// Times `execute` of the introspection query against GitHub's schema.
    static func introspection(query: String, sdl: String) async throws -> Prepared {
        let schema = ExecutableSchema(schema: try buildSchema(sdl))
        let document = try parse(query)
        let first = await execute(schema: schema, document: document)
        guard first.errors.isEmpty, case .list(let types)? = first.data?["__schema"]?["types"] else {
            throw SanityError("ours: introspection failed: \(first.errors.first?.message ?? "no types")")
        }
        return Prepared(
            workload: .async { blackHole(await execute(schema: schema, document: document)) },
            fingerprint: introspectionFingerprint(types.map { type in
                (type["name"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "",
                 { if case .list(let f)? = type["fields"] { f.count } else { 0 } }())
            }))
    }

    private static func value(_ node: ExecutionWorkload.Node) -> GraphQLValue {
        switch node {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .list(let items): return .list(items.map(value))
        case .object(let fields): return .object(GraphQLObject(fields.map { ($0.0, value($0.1)) }))
        }
    }

    /// Objects and leaves in a response value, counted like `ExecutionWorkload.expectedShape`
    /// (the root object included).
    private static func shapeOf(_ top: GraphQLValue) -> String {
        var objects = 1
        var leaves = 0
        func walk(_ v: GraphQLValue) {
            switch v {
            case .object(let o):
                objects += 1
                for value in o.values { walk(value) }
            case .list(let items):
                for item in items { walk(item) }
            default:
                leaves += 1
            }
        }
        walk(top)
        return "objects=\(objects) leaves=\(leaves)"
    }
}

/// Named types (built-in scalars and introspection types aside) and their fields, as both
/// engines' introspection must report them.
func introspectionFingerprint(_ types: [(name: String, fields: Int)]) -> String {
    let builtIn: Set<String> = ["String", "Int", "Float", "Boolean", "ID"]
    let own = types.filter { !$0.name.hasPrefix("__") && !builtIn.contains($0.name) }
    return "types=\(own.count) fields=\(own.reduce(0) { $0 + $1.fields })"
}
