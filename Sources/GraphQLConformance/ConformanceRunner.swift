import GraphQLEngine

/// Runs conformance cases through the engine: build the schema, parse, validate.
/// Schemas are built once per distinct SDL text.
public final class ConformanceRunner {
    private var schemas: [String: Result<GraphQLSchema, GraphQLSchemaError>] = [:]

    public init() {}

    /// The engine's result for one case.
    public func run(_ testCase: ConformanceCase) -> ConformanceResult {
        let schema: GraphQLSchema
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
        let errors = validate(schema: schema, document: document)
        if !errors.isEmpty {
            return ConformanceResult(id: testCase.id, stage: .validate, errors: errors.map { summary($0) })
        }
        return ConformanceResult(id: testCase.id, stage: .execute, errors: [])
    }

    private func schemaFor(_ sdl: String) -> Result<GraphQLSchema, GraphQLSchemaError> {
        if let cached = schemas[sdl] { return cached }
        let result: Result<GraphQLSchema, GraphQLSchemaError>
        do {
            result = .success(try buildSchema(sdl))
        } catch {
            result = .failure(error)
        }
        schemas[sdl] = result
        return result
    }

    private func summary(_ error: GraphQLError, prefix: String = "") -> GraphQLErrorSummary {
        GraphQLErrorSummary(
            message: prefix + error.message,
            locations: error.locations.map { SourceLocationPair(line: $0.line, column: $0.column) })
    }
}
