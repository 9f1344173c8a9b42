/// Where a value comes from for default field resolution.
enum SourceValue {
    /// JSON-like data: fields read the key of their name.
    case data(GraphQLObject)
    /// Data that is not an object: every default-resolved field is null.
    case scalarData
    /// A Swift value for the type's resolvers.
    case opaque(any Sendable)
    /// A position in the schema, for the introspection types.
    case introspection(IntrospectionSource)

    /// The value of `key` for default resolution; null unless this is an object of data.
    @inline(__always)
    func dataValue(_ key: String) -> GraphQLValue {
        if case .data(let object) = self { return object[key] ?? .null }
        return .null
    }

    var asSendable: any Sendable {
        switch self {
        case .data(let o): return o
        case .scalarData: return GraphQLValue.null
        case .opaque(let s): return s
        case .introspection(let s): return s
        }
    }
}

/// The completed entries of one object or list: plain values while everything is done,
/// switching to nodes once an entry is still pending.
struct CompletedFields {
    var values: [GraphQLValue] = []
    var nodes: [ResultNode]?

    init(capacity: Int) { values.reserveCapacity(capacity) }

    var isAllValues: Bool { nodes == nil }

    /// Adds an entry; false when it failed, which fails the whole object or list.
    mutating func add(_ node: ResultNode) -> Bool {
        switch node {
        case .failed:
            return false
        case .value(let v) where nodes == nil:
            values.append(v)
        default:
            if nodes == nil { nodes = values.map(ResultNode.value) }
            nodes!.append(node)
        }
        return true
    }

    func object(keys: [String]) -> ResultNode {
        if let nodes { return .object(ResultObject(keys: keys, nodes: nodes)) }
        return .value(.object(GraphQLObject(uniqueKeys: keys, values: values)))
    }

    func list() -> ResultNode {
        if let nodes { return .list(ResultList(nodes: nodes)) }
        return .value(.list(values))
    }
}

/// Executes one operation (spec 6.2-6.4). Confined to the task that calls `run`:
/// resolvers run in child tasks, but every completion happens here, so the result tree and
/// error list need no locks.
final class Executor {
    let executable: ExecutableSchema
    let schema: GraphQLSchema
    let operation: OperationDefinition
    let source: Source?
    let variables: GraphQLObject
    let context: any Sendable
    let loaders: LoaderRegistry
    let request: RequestInfo
    let collector: FieldCollector
    private(set) var errors: [GraphQLError] = []
    private var pending: [PendingWork] = []

    /// An asynchronous resolver call waiting to be started, and where its result goes.
    struct PendingWork {
        let slot: PendingResult
        let field: PlannedField
        let fieldType: TypeRef
        let parentType: Int
        let path: ResponsePath
        let run: @Sendable () async -> Result<Resolved, GraphQLError>
    }

    init(
        executable: ExecutableSchema, document: Document, operation: OperationDefinition,
        variables: GraphQLObject, context: any Sendable
    ) {
        self.executable = executable
        self.schema = executable.schema
        self.operation = operation
        self.source = document.source
        self.variables = variables
        self.context = context
        self.loaders = LoaderRegistry(context: context)
        self.request = RequestInfo(operation: operation, variables: variables, loaders: loaders)
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let f) in document.definitions where fragments[f.name.value] == nil {
            fragments[f.name.value] = f
        }
        self.collector = FieldCollector(schema: executable.schema, fragments: fragments, variables: variables, source: document.source)
    }

    /// ExecuteOperation: root fields in parallel for queries, serially for mutations.
    nonisolated(nonsending) func run(rootType: Int, rootValue: SourceValue) async -> ExecutionResult {
        let plan: SelectionPlan
        do {
            plan = try makePlan([operation.selectionSet], objectType: rootType)
        } catch {
            return ExecutionResult(data: .null, errors: [error])
        }
        let root: ResultNode
        if operation.operation == .mutation {
            var keys: [String] = []
            var nodes: [ResultNode] = []
            for field in plan.fields {
                let node = executeField(field, source: rootValue, parentType: rootType, parentPath: .root)
                await drain()
                if case .failed = node { return finish(.failed) }
                keys.append(field.responseKey)
                nodes.append(node)
            }
            root = .object(ResultObject(keys: keys, nodes: nodes))
        } else {
            root = executeFields(plan, source: rootValue, parentType: rootType, path: .root)
            await drain()
        }
        return finish(root)
    }

    /// Executes one root field with a given value, as a subscription event does (spec 6.2.3).
    func runEvent(_ event: Resolved, rootType: Int) async -> ExecutionResult {
        let plan: SelectionPlan
        do {
            plan = try makePlan([operation.selectionSet], objectType: rootType)
        } catch {
            return ExecutionResult(data: .null, errors: [error])
        }
        guard let field = plan.fields.first else { return ExecutionResult(data: .object([:]), errors: []) }
        let path = ResponsePath.root.appending(.key(field.responseKey))
        let node = complete(field.definition.type, event, field: field, parentType: rootType, path: path)
        await drain()
        return finish(.object(ResultObject(keys: [field.responseKey], nodes: [node])))
    }

    private func finish(_ root: ResultNode) -> ExecutionResult {
        if case .object(let o) = root { o.nullable = false }
        return ExecutionResult(data: root.finalize() ?? .null, errors: errors)
    }

    // MARK: - Plans

    func makePlan(_ selectionSets: [SelectionSet], objectType: Int) throws(GraphQLError) -> SelectionPlan {
        let groups = try collector.collect(selectionSets, objectType: objectType)
        var fields: [PlannedField] = []
        fields.reserveCapacity(groups.count)
        let objectFields = schema.types[objectType].fieldsType
        for group in groups {
            let name = group.fields[0].name.value
            let kind: PlannedField.Kind
            let definition: FieldDefinitionModel
            var resolver: FieldResolver?
            var introspectionField: IntrospectionField?
            var guarded = false
            if let index = objectFields?.fieldIndex[name] {
                kind = .field(index: index)
                definition = objectFields!.fields[index]
                resolver = executable.resolver(type: objectType, field: index)
                introspectionField = executable.introspectionFields[objectType][index]
                guarded = executable.guardedFields[objectType][index]
            } else if name == "__typename" {
                kind = .typename
                definition = schema.typenameField
            } else if name == "__schema" && objectType == schema.queryType {
                kind = .schema
                definition = schema.schemaField
            } else if name == "__type" && objectType == schema.queryType {
                kind = .type
                definition = schema.typeField
            } else {
                continue  // Unknown fields are a validation error; execution skips them.
            }
            fields.append(PlannedField(
                responseKey: group.key, fieldNodes: group.fields, definition: definition, kind: kind,
                resolver: resolver, introspectionField: introspectionField, isGuarded: guarded))
        }
        return SelectionPlan(fields: fields, leafCodes: executable.leafCodes)
    }

    func subPlan(_ field: PlannedField, objectType: Int) -> Result<SelectionPlan, GraphQLError> {
        for entry in field.subPlans where entry.type == objectType { return .success(entry.plan) }
        do {
            let plan = try makePlan(field.subSelectionSets, objectType: objectType)
            field.subPlans.append((objectType, plan))
            return .success(plan)
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Fields

    /// ExecuteSelectionSet for one object: folds into a value when nothing is pending.
    func executeFields(_ plan: SelectionPlan, source: SourceValue, parentType: Int, path: ResponsePath) -> ResultNode {
        if plan.isAllDefaultData, case .data(let object) = source {
            return executeDataFields(plan, object, parentType: parentType, path: path)
        }
        var fields = CompletedFields(capacity: plan.fields.count)
        for field in plan.fields {
            guard fields.add(executeField(field, source: source, parentType: parentType, parentPath: path)) else {
                return .failed
            }
        }
        return fields.object(keys: plan.keys)
    }

    /// The tight loop for an object of data whose fields all resolve by key: built-in leaves
    /// are copied straight through; anything else takes the general path.
    private func executeDataFields(
        _ plan: SelectionPlan, _ object: GraphQLObject, parentType: Int, path: ResponsePath, listIndex: Int? = nil
    ) -> ResultNode {
        // A list item's path node is only made if a field needs it (an error, a sub-object).
        var itemPath: ResponsePath?
        // Read once: the arrays stay alive with the plan, so the loop itself does no reference counting on them.
        let fieldNames = plan.fieldNames
        let leafIndices = plan.leafIndices
        let leafCodes = plan.fieldLeafCodes
        let nonNullLeaves = plan.nonNullLeaves
        let count = fieldNames.count
        var fields = CompletedFields(capacity: count)
        let keys = object.keys
        let values = object.values
        for i in 0..<count {
            let name = fieldNames[i]
            let value = (i < keys.count && keys[i] == name ? values[i] : object[name]) ?? .null
            // A named type (leaf or not) with a value that passes as it is, or a null it allows; lists and anything
            // else take the general path.
            if fields.isAllValues, leafIndices[i] >= 0, SelectionPlan.passes(value, code: leafCodes[i], nonNull: nonNullLeaves[i]) {
                fields.values.append(value)
                continue
            }
            let field = plan.fields[i]
            if itemPath == nil { itemPath = listIndex.map { path.appending(.index($0)) } ?? path }
            guard fields.add(completeData(field.type, value, field: field, parentType: parentType, parent: itemPath!)) else {
                return .failed
            }
        }
        return fields.object(keys: plan.keys)
    }

    /// ExecuteField (spec 6.4): arguments, resolver, completion; errors become null here.
    func executeField(_ field: PlannedField, source: SourceValue, parentType: Int, parentPath: ResponsePath) -> ResultNode {
        if field.isDefaultData {
            return completeData(field.type, source.dataValue(field.fieldName), field: field, parentType: parentType, parent: parentPath)
        }
        let fieldType = field.type
        switch field.kind {
        case .typename:
            return .value(.string(executable.typeNames[parentType]))
        case .schema:
            let path = parentPath.appending(.key(field.responseKey))
            return completeIntrospection(fieldType, .object(.schema), field: field, parentType: parentType, path: path)
        case .type, .field:
            break
        }
        let arguments: GraphQLObject
        switch coercedArguments(field) {
        case .success(let a): arguments = a
        case .failure(let error):
            return fieldError(error, field: field, path: parentPath.appending(.key(field.responseKey)))
        }
        if let introspect = field.introspectionField, case .introspection(let position) = source {
            switch introspect.resolve(position, arguments, in: schema) {
            case .value(let v):
                return completeData(fieldType, v, field: field, parentType: parentType, parent: parentPath)
            case let value:
                return completeIntrospection(fieldType, value, field: field, parentType: parentType, path: parentPath.appending(.key(field.responseKey)))
            }
        }
        if case .type = field.kind {
            let path = parentPath.appending(.key(field.responseKey))
            guard case .string(let name) = arguments["name"] ?? .null, let index = schema.typeIndex(named: name) else {
                return .value(.null)
            }
            return completeIntrospection(fieldType, .object(.namedType(Int32(index))), field: field, parentType: parentType, path: path)
        }
        guard let resolver = field.resolver else {
            // Default resolution: the key of the field's name in data.
            let value = source.dataValue(field.fieldName)
            if field.isGuarded { return schedule(field, .value(value), arguments: arguments, source: source, parentType: parentType, parentPath: parentPath) }
            return completeData(fieldType, value, field: field, parentType: parentType, parent: parentPath)
        }
        if field.isGuarded {
            return schedule(field, nil, arguments: arguments, source: source, parentType: parentType, parentPath: parentPath)
        }
        switch resolver {
        case .sync(let body):
            let input = FieldInput(
                source: source.asSendable, arguments: arguments, context: context,
                info: resolveInfo(field, parentType: parentType, parentPath: parentPath))
            do {
                let resolved = try body(input)
                if case .value(let v) = resolved {
                    return completeData(fieldType, v, field: field, parentType: parentType, parent: parentPath)
                }
                return complete(fieldType, resolved, field: field, parentType: parentType, path: parentPath.appending(.key(field.responseKey)))
            } catch {
                return fieldError(Self.graphQLError(error), field: field, path: parentPath.appending(.key(field.responseKey)))
            }
        case .async:
            return schedule(field, nil, arguments: arguments, source: source, parentType: parentType, parentPath: parentPath)
        }
    }

    /// Queues an asynchronous resolver (or a guarded field) to run concurrently.
    private func schedule(
        _ field: PlannedField, _ precomputed: Resolved?, arguments: GraphQLObject, source: SourceValue,
        parentType: Int, parentPath: ResponsePath
    ) -> ResultNode {
        let path = parentPath.appending(.key(field.responseKey))
        let input = FieldInput(
            source: source.asSendable, arguments: arguments, context: context,
            info: resolveInfo(field, parentType: parentType, parentPath: parentPath))
        let resolver = field.resolver
        let guardCheck: (@Sendable () async -> GraphQLError?)?
        if field.isGuarded, let fieldGuard = executable.fieldGuard {
            let definition = field.definition
            guardCheck = {
                await fieldGuard.check(field: definition, directives: definition.directives, input: input)
            }
        } else {
            guardCheck = nil
        }
        let slot = PendingResult()
        pending.append(PendingWork(
            slot: slot, field: field, fieldType: field.definition.type, parentType: parentType, path: path,
            run: {
                if let guardCheck, let denied = await guardCheck() { return .failure(denied) }
                if let precomputed { return .success(precomputed) }
                do {
                    switch resolver {
                    case .sync(let body): return .success(try body(input))
                    case .async(let body): return .success(try await body(input))
                    case nil: return .success(.null)
                    }
                } catch {
                    return .failure(Self.graphQLError(error))
                }
            }))
        return .pending(slot)
    }

    /// Runs queued resolvers concurrently; each result is completed here as it arrives, and
    /// the work it queues starts at once.
    nonisolated(nonsending) func drain() async {
        guard !pending.isEmpty else { return }
        let loaders = self.loaders
        await withTaskGroup(of: (Int, Result<Resolved, GraphQLError>).self) { group in
            var inFlight: [Int: PendingWork] = [:]
            var nextID = 0
            func launch() {
                for work in pending {
                    let id = nextID
                    nextID += 1
                    inFlight[id] = work
                    loaders.resolverStarted()
                    let run = work.run
                    group.addTask { (id, await run()) }
                }
                pending.removeAll()
            }
            launch()
            while let (id, outcome) = await group.next() {
                guard let work = inFlight.removeValue(forKey: id) else { continue }
                switch outcome {
                case .success(let resolved):
                    work.slot.node = complete(work.fieldType, resolved, field: work.field, parentType: work.parentType, path: work.path)
                case .failure(let error):
                    work.slot.node = fieldError(error, field: work.field, path: work.path)
                }
                launch()
                // Finished only once the resolvers its value queued have started: otherwise the loaders could see
                // every running resolver blocked in between and dispatch half a level.
                loaders.resolverFinished()
            }
        }
    }

    func resolveInfo(_ field: PlannedField, parentType: Int, parentPath: ResponsePath) -> ResolveInfo {
        ResolveInfo(
            request: request, parentPath: parentPath, responseKey: field.responseKey,
            fieldName: field.definition.name, parentType: executable.typeNames[parentType],
            fieldNodes: field.fieldNodes)
    }

    /// Records a field error; the field is null, or fails upward when non-null.
    private func fieldError(_ error: GraphQLError, field: PlannedField, path: ResponsePath) -> ResultNode {
        var located = error
        located.locations = field.locations.map { source?.location(at: $0.start) }.compactMap { $0 }
        located.path = path.elements
        errors.append(located)
        return field.definition.type.isNonNull ? .failed : .value(.null)
    }

    private func recordError(_ message: String, field: PlannedField, path: ResponsePath) {
        var error = GraphQLError(message, nodes: field.locations, source: source)
        error.path = path.elements
        errors.append(error)
    }

    static func graphQLError(_ error: any Error) -> GraphQLError {
        if let error = error as? GraphQLError { return error }
        if let convertible = error as? any GraphQLErrorConvertible { return convertible.graphQLError }
        return GraphQLError(String(describing: error))
    }

    // MARK: - Arguments (spec 6.4.1 CoerceArgumentValues)

    func coercedArguments(_ field: PlannedField) -> Result<GraphQLObject, GraphQLError> {
        guard field.hasArguments else { return .success(GraphQLObject()) }
        if let cached = field.arguments { return cached }
        let result = coerceArguments(field.definition.arguments, field.fieldNodes[0].arguments, at: field.fieldNodes[0].loc)
        field.arguments = result
        return result
    }

    func coerceArguments(_ definitions: [InputValueModel], _ nodes: [Argument], at loc: Location) -> Result<GraphQLObject, GraphQLError> {
        var coerced = GraphQLObject()
        for definition in definitions {
            let node = nodes.first { $0.name.value == definition.name }
            var hasValue = node != nil
            var isNull = false
            if let node {
                if case .variable(let v) = node.value {
                    let value = variables[v.name.value]
                    hasValue = value != nil
                    isNull = value?.isNull ?? false
                } else if case .null = node.value {
                    isNull = true
                }
            }
            if !hasValue, let defaultValue = definition.defaultValue {
                if let value = ValueFromAST.coerce(defaultValue, definition.type, executable, variables: [:]) {
                    coerced.append(definition.name, value)
                }
                continue
            }
            if definition.type.isNonNull && (!hasValue || isNull) {
                let typeName = schema.describe(definition.type)
                if isNull {
                    return .failure(GraphQLError("Argument \"\(definition.name)\" of non-null type \"\(typeName)\" must not be null.", nodes: [node!.value.loc], source: source))
                }
                if let node, case .variable(let v) = node.value {
                    return .failure(GraphQLError("Argument \"\(definition.name)\" of required type \"\(typeName)\" was provided the variable \"$\(v.name.value)\" which was not provided a runtime value.", nodes: [node.value.loc], source: source))
                }
                return .failure(GraphQLError("Argument \"\(definition.name)\" of required type \"\(typeName)\" was not provided.", nodes: [loc], source: source))
            }
            guard hasValue, let node else { continue }
            if case .variable(let v) = node.value {
                coerced.append(definition.name, variables[v.name.value]!)
                continue
            }
            guard let value = ValueFromAST.coerce(node.value, definition.type, executable, variables: variables) else {
                return .failure(GraphQLError("Argument \"\(definition.name)\" has invalid value \(printValue(node.value)).", nodes: [node.value.loc], source: source))
            }
            coerced.append(definition.name, value)
        }
        return .success(coerced)
    }

    // MARK: - Completion (spec 6.4.3 CompleteValue)

    /// Completes a resolver's result against the field's full type.
    func complete(_ type: TypeRef, _ resolved: Resolved, field: PlannedField, parentType: Int, path: ResponsePath) -> ResultNode {
        if case .value(let v) = resolved {
            return completeData(type, v, field: field, parentType: parentType, path: path)
        }
        if case .nonNull(let inner) = type {
            return nonNull(completeNullable(inner, resolved, field: field, parentType: parentType, path: path), field: field, parentType: parentType, path: path)
        }
        let node = completeNullable(type, resolved, field: field, parentType: parentType, path: path)
        if case .failed = node { return .value(.null) }
        return node
    }

    private func nonNull(_ node: ResultNode, field: PlannedField, parentType: Int, path: ResponsePath) -> ResultNode {
        switch node {
        case .value(.null):
            recordError("Cannot return null for non-nullable field \(schema.types[parentType].name).\(field.definition.name).", field: field, path: path)
            return .failed
        case .object(let o):
            o.nullable = false
        case .list(let l):
            l.nullable = false
        default:
            break
        }
        return node
    }

    private func completeNullable(_ type: TypeRef, _ resolved: Resolved, field: PlannedField, parentType: Int, path: ResponsePath) -> ResultNode {
        switch resolved {
        case .null:
            return .value(.null)
        case .value(let v):
            return completeDataNullable(type, v, field: field, parentType: parentType, path: path)
        case .list(let items):
            guard case .list(let itemType) = type else {
                return completeDataNullable(type, .list([]), field: field, parentType: parentType, path: path, notCompletable: "a list")
            }
            var completed = CompletedFields(capacity: items.count)
            for (i, item) in items.enumerated() {
                guard completed.add(complete(itemType, item, field: field, parentType: parentType, path: path.appending(.index(i)))) else {
                    return .failed
                }
            }
            return completed.list()
        case .object(let object, let typeName):
            if case .list = type {
                recordError("Expected Iterable, but did not find one for field \"\(schema.types[parentType].name).\(field.definition.name)\".", field: field, path: path)
                return .failed
            }
            let index = type.namedIndex
            switch schema.types[index] {
            case .object:
                return completeObject(index, .opaque(object), field: field, path: path)
            case .interface, .union:
                let runtimeName = typeName ?? executable.typeResolvers[index]?(object)
                guard let runtime = runtimeObjectType(runtimeName, abstract: index, field: field, parentType: parentType, path: path) else { return .failed }
                return completeObject(runtime, .opaque(object), field: field, path: path)
            default:
                recordError("Expected a value for \(schema.types[index].name), found an object for field \"\(schema.types[parentType].name).\(field.definition.name)\".", field: field, path: path)
                return .failed
            }
        }
    }

    /// Completes an introspection value: schema positions become objects of their type.
    private func completeIntrospection(_ type: TypeRef, _ value: IntrospectionValue, field: PlannedField, parentType: Int, path: ResponsePath) -> ResultNode {
        switch value {
        case .null:
            return complete(type, .null, field: field, parentType: parentType, path: path)
        case .value(let v):
            return completeData(type, v, field: field, parentType: parentType, path: path)
        case .object(let position):
            let objectType = type.namedIndex
            if let value = introspectedObject(objectType, position, field: field) { return .value(value) }
            let node = completeObject(objectType, .introspection(position), field: field, path: path)
            if case .failed = node, !type.isNonNull { return .value(.null) }
            return node
        case .objects(let positions):
            guard let itemType = type.nullable.listItem else { return .failed }
            let objectType = itemType.namedIndex
            if let value = introspectedObjects(objectType, positions, field: field) { return .value(value) }
            var values: [GraphQLValue] = []
            values.reserveCapacity(positions.count)
            for (i, position) in positions.enumerated() {
                let node = completeObject(objectType, .introspection(position), field: field, path: path.appending(.index(i)))
                guard case .value(let v) = node else { return type.isNonNull ? .failed : .value(.null) }
                values.append(v)
            }
            return .value(.list(values))
        }
    }

    /// Completes JSON-like data, the fast path of default resolution.
    func completeData(_ type: TypeRef, _ value: GraphQLValue, field: PlannedField, parentType: Int, parent: ResponsePath) -> ResultNode {
        // Leaves need no path unless they fail.
        let index = field.leafIndex
        // `type` is always the field's own type here, so the plan's leaf facts apply.
        if index >= 0 && executable.leafCodes[index] != LeafCode.notLeaf {
            if value.isNull {
                if !field.isNonNullLeaf { return .value(.null) }
            } else if let leaf = serializeLeaf(index, value) {
                return .value(leaf)
            }
        }
        return completeData(type, value, field: field, parentType: parentType, path: parent.appending(.key(field.responseKey)))
    }

    func completeData(_ type: TypeRef, _ value: GraphQLValue, field: PlannedField, parentType: Int, path: ResponsePath) -> ResultNode {
        if case .nonNull(let inner) = type {
            return nonNull(completeDataNullable(inner, value, field: field, parentType: parentType, path: path), field: field, parentType: parentType, path: path)
        }
        let node = completeDataNullable(type, value, field: field, parentType: parentType, path: path)
        if case .failed = node { return .value(.null) }
        return node
    }

    private func completeDataNullable(
        _ type: TypeRef, _ value: GraphQLValue, field: PlannedField, parentType: Int, path: ResponsePath,
        notCompletable: String? = nil
    ) -> ResultNode {
        if value.isNull && notCompletable == nil { return .value(.null) }
        switch type {
        case .list(let itemType):
            guard case .list(let items) = value else {
                recordError("Expected Iterable, but did not find one for field \"\(schema.types[parentType].name).\(field.definition.name)\".", field: field, path: path)
                return .failed
            }
            var completed = CompletedFields(capacity: items.count)
            let itemPlan = dataObjectPlan(itemType, field: field)
            var first = 0
            if let (plan, _) = itemPlan, plan.isAllPassingLeaves {
                first = plan.passingRows(items, into: &completed.values)
                if first == items.count { return completed.list() }
            }
            for i in first..<items.count {
                let item = items[i]
                var node: ResultNode
                if let (plan, objectType) = itemPlan, case .object(let object) = item {
                    node = executeDataFields(plan, object, parentType: objectType, path: path, listIndex: i)
                    if case .failed = node, !itemType.isNonNull { node = .value(.null) }
                } else {
                    node = completeData(itemType, item, field: field, parentType: parentType, path: path.appending(.index(i)))
                }
                guard completed.add(node) else { return .failed }
            }
            return completed.list()
        case .nonNull:
            return completeData(type, value, field: field, parentType: parentType, path: path)
        case .named(let index):
            switch executable.completionKinds[index] {
            case .object:
                return completeObject(index, Self.dataSource(value), field: field, path: path)
            case .abstract:
                var runtimeName: String?
                if case .object(let object) = value, case .string(let name) = object["__typename"] ?? .null {
                    runtimeName = name
                }
                guard let runtime = runtimeObjectType(runtimeName, abstract: index, field: field, parentType: parentType, path: path) else { return .failed }
                return completeObject(runtime, Self.dataSource(value), field: field, path: path)
            case .inputObject:
                recordError("Input object \(schema.types[index].name) cannot be a field's type.", field: field, path: path)
                return .failed
            default:
                if let notCompletable {
                    recordError("Expected a value of type \(schema.types[index].name) for field \"\(schema.types[parentType].name).\(field.definition.name)\", found \(notCompletable).", field: field, path: path)
                    return .failed
                }
                return serializeLeafOrError(index, value, field: field, path: path)
            }
        }
    }

    /// For list items of an object type whose selection resolves entirely from data: the
    /// plan, so the items can take the tight loop without a path node each.
    private func dataObjectPlan(_ itemType: TypeRef, field: PlannedField) -> (SelectionPlan, Int)? {
        guard case .named(let objectType) = itemType.nullable,
            case .object = executable.completionKinds[objectType],
            case .success(let plan) = subPlan(field, objectType: objectType), plan.isAllDefaultData
        else { return nil }
        return (plan, objectType)
    }

    static func dataSource(_ value: GraphQLValue) -> SourceValue {
        if case .object(let object) = value { return .data(object) }
        return .scalarData
    }

    private func completeObject(_ objectType: Int, _ source: SourceValue, field: PlannedField, path: ResponsePath) -> ResultNode {
        switch subPlan(field, objectType: objectType) {
        case .success(let plan):
            return executeFields(plan, source: source, parentType: objectType, path: path)
        case .failure(let error):
            var located = error
            located.path = path.elements
            errors.append(located)
            return .failed
        }
    }

    /// ResolveAbstractType: the runtime object type must exist and be possible.
    private func runtimeObjectType(_ name: String?, abstract: Int, field: PlannedField, parentType: Int, path: ResponsePath) -> Int? {
        let abstractName = schema.types[abstract].name
        let fieldName = "\(schema.types[parentType].name).\(field.definition.name)"
        guard let name else {
            recordError("Abstract type \"\(abstractName)\" must resolve to an Object type at runtime for field \"\(fieldName)\". Either the \"\(abstractName)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.", field: field, path: path)
            return nil
        }
        guard let index = schema.typeIndex(named: name) else {
            recordError("Abstract type \"\(abstractName)\" was resolved to a type \"\(name)\" that does not exist inside the schema.", field: field, path: path)
            return nil
        }
        guard case .object = schema.types[index] else {
            recordError("Abstract type \"\(abstractName)\" was resolved to a non-object type \"\(name)\".", field: field, path: path)
            return nil
        }
        guard schema.isSubType(abstract, index) else {
            recordError("Runtime Object type \"\(name)\" is not a possible type for \"\(abstractName)\".", field: field, path: path)
            return nil
        }
        return index
    }

    // MARK: - Leaves (spec 6.4.3 CoerceResult)

    /// The serialised leaf, or nil when the value cannot be serialised (no error recorded).
    @inline(__always)
    private func serializeLeaf(_ index: Int, _ value: GraphQLValue) -> GraphQLValue? {
        switch (executable.leafCodes[index], value) {
        case (LeafCode.string, .string), (LeafCode.boolean, .bool), (LeafCode.id, .string), (LeafCode.passThrough, _):
            return value
        case (LeafCode.int, .int(let i)) where i >= BuiltinScalars.minInt && i <= BuiltinScalars.maxInt:
            return value
        case (LeafCode.float, .float(let d)) where d.isFinite:
            return value
        case (LeafCode.notLeaf, _):
            return nil
        default:
            if case .success(let v) = serializeSlow(index, value) { return v }
            return nil
        }
    }

    private func serializeSlow(_ index: Int, _ value: GraphQLValue) -> Result<GraphQLValue, GraphQLError> {
        switch executable.completionKinds[index] {
        case .customScalar(let custom?):
            do {
                return .success(try custom.serialize(value))
            } catch {
                return .failure(error)
            }
        case .customScalar(nil):
            return .success(value)
        case .enumType(let enumType):
            if case .string(let name) = value, enumType.value(named: name) != nil { return .success(value) }
            return .failure(GraphQLError("Enum \"\(enumType.name)\" cannot represent value: \(JSON.serialize(value))"))
        case let kind:
            guard let name = kind.builtinName else { return .failure(GraphQLError("Not a leaf type.")) }
            return BuiltinScalars.serialize(value, name)
        }
    }

    private func serializeLeafOrError(_ index: Int, _ value: GraphQLValue, field: PlannedField, path: ResponsePath) -> ResultNode {
        if let leaf = serializeLeaf(index, value) { return .value(leaf) }
        switch serializeSlow(index, value) {
        case .success(let v): return .value(v)
        case .failure(let error):
            recordError(error.message, field: field, path: path)
            return .failed
        }
    }
}
