import GraphQLEngine

/// Runs conformance cases through the engine: build the schema, parse, validate, execute
/// with default resolvers. Schemas are built once per distinct SDL text.
public final class ConformanceRunner {
    private var schemas: [String: Result<ExecutableSchema, GraphQLSchemaError>] = [:]

    public init() {}

    /// The engine's result for one case.
    public func run(_ testCase: ConformanceCase) async -> ConformanceResult {
        let schema: ExecutableSchema
        switch schemaFor(testCase.schema) {
        case .success(let s): schema = s
        case .failure(let error):
            // The contract promises valid schemas; report a broken build as a validate failure.
            return ConformanceResult(
                id: testCase.id, stage: .validate,
                errors: error.errors.map { summary($0, prefix: "Schema: ") })
        }
        let document: Document
        do {
            document = try parse(testCase.query)
        } catch {
            return ConformanceResult(id: testCase.id, stage: .parse, errors: [summary(error)])
        }
        let errors = validate(schema: schema.schema, document: document)
        if !errors.isEmpty {
            return ConformanceResult(id: testCase.id, stage: .validate, errors: errors.map { summary($0) })
        }
        let result = await execute(
            schema: schema, document: document, operationName: testCase.operationName,
            variables: testCase.variables ?? [:], rootValue: testCase.rootValue)
        return ConformanceResult(
            id: testCase.id, stage: .execute, errors: result.errors.map { summary($0) }, data: result.data)
    }

    private func schemaFor(_ sdl: String) -> Result<ExecutableSchema, GraphQLSchemaError> {
        if let cached = schemas[sdl] { return cached }
        let result: Result<ExecutableSchema, GraphQLSchemaError>
        do {
            result = .success(ExecutableSchema(schema: try buildSchema(sdl)))
        } catch {
            result = .failure(error)
        }
        schemas[sdl] = result
        return result
    }

    private func summary(_ error: GraphQLError, prefix: String = "") -> GraphQLErrorSummary {
        GraphQLErrorSummary(
            message: prefix + error.message,
            locations: error.locations.map { SourceLocationPair(line: $0.line, column: $0.column) },
            path: error.path.map { path in
                path.map { element in
                    switch element {
                    case .key(let k): return .string(k)
                    case .index(let i): return .int(i)
                    }
                }
            })
    }
}
