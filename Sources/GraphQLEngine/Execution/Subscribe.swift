/// The source stream of a subscription root field: events to complete as the field's value.
public typealias SubscriptionSource = @Sendable (FieldInput) async throws -> AsyncThrowingStream<Resolved, any Error>

/// Subscribe (spec 6.2.3): creates the source event stream of a subscription operation and
/// maps each event to a response. Errors before the stream exists come back as a result.
/// Ending the iteration (or cancelling its task) ends the source stream too.
public func subscribe(
    schema: ExecutableSchema, document: Document, operationName: String? = nil,
    variables: GraphQLObject = [:], rootValue: any Sendable = GraphQLValue.object([:]),
    context: any Sendable = ()
) async -> SubscriptionOutcome {
    let prepared: PreparedOperation
    switch prepareOperation(schema: schema, document: document, operationName: operationName, variables: variables) {
    case .success(let p): prepared = p
    case .failure(let failure): return .failed(ExecutionResult(data: nil, errors: failure.errors))
    }
    guard prepared.operation.operation == .subscription else {
        return .failed(ExecutionResult(data: nil, errors: [GraphQLError("Only subscription operations can be subscribed to.")]))
    }
    let executor = Executor(
        executable: schema, document: document, operation: prepared.operation,
        variables: prepared.variables, context: context)
    let plan: SelectionPlan
    do {
        plan = try executor.makePlan([prepared.operation.selectionSet], objectType: prepared.rootType)
    } catch {
        return .failed(ExecutionResult(data: nil, errors: [error]))
    }
    guard let field = plan.fields.first, case .field(let index) = field.kind else {
        return .failed(ExecutionResult(data: nil, errors: [GraphQLError("A subscription must select one root field.")]))
    }
    let located = { (message: String) -> ExecutionResult in
        var error = GraphQLError(message, nodes: field.locations, source: document.source)
        error.path = [.key(field.responseKey)]
        return ExecutionResult(data: nil, errors: [error])
    }
    guard let source = schema.subscriptionSources[index] else {
        return .failed(located("Subscription field \"\(field.definition.name)\" has no source stream."))
    }
    let arguments: GraphQLObject
    switch executor.coerceArguments(field.definition.arguments, field.fieldNodes[0].arguments, at: field.fieldNodes[0].loc) {
    case .success(let a): arguments = a
    case .failure(let error): return .failed(ExecutionResult(data: nil, errors: [error]))
    }
    let input = FieldInput(
        source: sourceValue(rootValue).asSendable, arguments: arguments, context: context,
        info: executor.resolveInfo(field, parentType: prepared.rootType, parentPath: .root))
    // The root field's guard decides before the source exists, so a denied caller never starts a stream.
    if let fieldGuard = schema.fieldGuard, schema.guardedFields[prepared.rootType][index],
       var denial = await fieldGuard.check(field: field.definition, directives: field.definition.directives, input: input)
    {
        denial.locations = GraphQLError("", nodes: field.locations, source: document.source).locations
        denial.path = [.key(field.responseKey)]
        return .failed(ExecutionResult(data: nil, errors: [denial]))
    }
    let events: AsyncThrowingStream<Resolved, any Error>
    do {
        events = try await source(input)
    } catch {
        return .failed(located(Executor.graphQLError(error).message))
    }
    return .stream(ResponseStream(
        events: events, schema: schema, document: document, prepared: prepared, context: context))
}

/// The responses of a subscription: one per source event (MapSourceToResponseEvent).
public struct ResponseStream: AsyncSequence, Sendable {
    public typealias Element = ExecutionResult
    let events: AsyncThrowingStream<Resolved, any Error>
    let schema: ExecutableSchema
    let document: Document
    let prepared: PreparedOperation
    let context: any Sendable

    /// An iterator that executes each source event as it arrives.
    public func makeAsyncIterator() -> Iterator {
        Iterator(events: events.makeAsyncIterator(), stream: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var events: AsyncThrowingStream<Resolved, any Error>.AsyncIterator
        let stream: ResponseStream

        /// The next event's response; nil when the source ends. A source failure becomes a
        /// final response carrying the error.
        public mutating func next() async -> ExecutionResult? {
            let event: Resolved?
            do {
                event = try await events.next()
            } catch {
                return ExecutionResult(data: nil, errors: [Executor.graphQLError(error)])
            }
            guard let event else { return nil }
            let executor = Executor(
                executable: stream.schema, document: stream.document, operation: stream.prepared.operation,
                variables: stream.prepared.variables, context: stream.context)
            return await executor.runEvent(event, rootType: stream.prepared.rootType)
        }
    }
}

/// What subscribing gives: a stream of responses, or the result that explains why not.
public enum SubscriptionOutcome: Sendable {
    case stream(ResponseStream)
    case failed(ExecutionResult)
}
