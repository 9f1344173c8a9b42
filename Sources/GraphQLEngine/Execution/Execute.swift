/// Executes an operation of a validated document (spec 6.1): selects the operation,
/// coerces the variables, and runs it. Request errors (no such operation, bad variables)
/// give a result with no `data`. It runs on the caller's executor: a call from an actor costs
/// no hop to the global pool and back (asynchronous resolvers still run concurrently, as child tasks).
nonisolated(nonsending) public func execute(
    schema: ExecutableSchema, document: Document, operationName: String? = nil,
    variables: GraphQLObject = [:], rootValue: any Sendable = GraphQLValue.object([:]),
    context: any Sendable = ()
) async -> ExecutionResult {
    let prepared: PreparedOperation
    switch prepareOperation(schema: schema, document: document, operationName: operationName, variables: variables) {
    case .success(let p): prepared = p
    case .failure(let failure): return ExecutionResult(data: nil, errors: failure.errors)
    }
    let executor = Executor(
        executable: schema, document: document, operation: prepared.operation,
        variables: prepared.variables, context: context)
    return await executor.run(rootType: prepared.rootType, rootValue: sourceValue(rootValue))
}

/// An operation ready to run: selected, with coerced variables and its root type.
struct PreparedOperation: Sendable {
    let operation: OperationDefinition
    let variables: GraphQLObject
    let rootType: Int
}

func sourceValue(_ rootValue: any Sendable) -> SourceValue {
    if let value = rootValue as? GraphQLValue { return Executor.dataSource(value) }
    if let object = rootValue as? GraphQLObject { return .data(object) }
    return .opaque(rootValue)
}

/// GetOperation (spec 6.1.1), CoerceVariableValues (6.1.2) and the root type.
func prepareOperation(
    schema: ExecutableSchema, document: Document, operationName: String?, variables: GraphQLObject
) -> Result<PreparedOperation, RequestErrors> {
    let operations = document.definitions.compactMap { definition -> OperationDefinition? in
        if case .operation(let o) = definition { return o }
        return nil
    }
    let operation: OperationDefinition
    if let operationName {
        guard let found = operations.first(where: { $0.name?.value == operationName }) else {
            return .failure(RequestErrors(errors: [GraphQLError("Unknown operation named \"\(operationName)\".")]))
        }
        operation = found
    } else {
        guard let only = operations.first else { return .failure(RequestErrors(errors: [GraphQLError("Must provide an operation.")])) }
        guard operations.count == 1 else {
            return .failure(RequestErrors(errors: [GraphQLError("Must provide operation name if query contains multiple operations.")]))
        }
        operation = only
    }
    guard let rootType = schema.schema.rootType(for: operation.operation) else {
        return .failure(RequestErrors(errors: [GraphQLError("Schema is not configured to execute \(operation.operation.rawValue) operation.", nodes: [operation.loc], source: document.source)]))
    }
    switch coerceVariableValues(schema: schema, operation: operation, inputs: variables, source: document.source) {
    case .success(let coerced):
        return .success(PreparedOperation(operation: operation, variables: coerced, rootType: rootType))
    case .failure(let failure):
        return .failure(failure)
    }
}

/// CoerceVariableValues (spec 6.1.2): defaults applied, nulls and types checked, every
/// problem reported at its variable definition.
func coerceVariableValues(
    schema: ExecutableSchema, operation: OperationDefinition, inputs: GraphQLObject, source: Source?
) -> Result<GraphQLObject, RequestErrors> {
    var coerced = GraphQLObject()
    var errors: [GraphQLError] = []
    let graph = schema.schema
    for definition in operation.variableDefinitions {
        let name = definition.variable.name.value
        let at = [definition.loc]
        guard let type = graph.typeRef(from: definition.type), graph.namedType(type).isInputType else {
            errors.append(GraphQLError("Variable \"$\(name)\" expected value of type \"\(printType(definition.type))\" which cannot be used as an input type.", nodes: [definition.type.loc], source: source))
            continue
        }
        let typeName = graph.describe(type)
        guard let value = inputs[name] else {
            if let defaultValue = definition.defaultValue {
                if let value = ValueFromAST.coerce(defaultValue, type, schema, variables: [:]) {
                    coerced.append(name, value)
                }
            } else if type.isNonNull {
                errors.append(GraphQLError("Variable \"$\(name)\" of required type \"\(typeName)\" was not provided.", nodes: at, source: source))
            }
            continue
        }
        if value.isNull && type.isNonNull {
            errors.append(GraphQLError("Variable \"$\(name)\" of non-null type \"\(typeName)\" must not be null.", nodes: at, source: source))
            continue
        }
        var coercion = InputCoercion(schema: schema)
        let result = coercion.coerce(value, type)
        if coercion.problems.isEmpty {
            coerced.append(name, result)
            continue
        }
        for problem in coercion.problems {
            let at = problem.path.isEmpty ? "" : " at \"\(name)\(describePath(problem.path))\""
            errors.append(GraphQLError("Variable \"$\(name)\" got invalid value \(JSON.serialize(value))\(at); \(problem.message)", nodes: [definition.loc], source: source))
        }
    }
    return errors.isEmpty ? .success(coerced) : .failure(RequestErrors(errors: errors))
}

/// A path inside a value as graphql-js prints it: `.field[0].other`.
func describePath(_ path: [PathElement]) -> String {
    path.map { element -> String in
        switch element {
        case .key(let k): return "." + k
        case .index(let i): return "[\(i)]"
        }
    }.joined()
}

/// Errors that stop a request before execution starts.
struct RequestErrors: Error {
    let errors: [GraphQLError]
}
