import Synchronization

/// Parse and validation done once per distinct document text, and automatic persisted
/// queries in Apollo's shape: a client may send only `extensions.persistedQuery.sha256Hash`
/// once the server has seen the text. Bounded: the least recently used entries go first.
public final class DocumentCache: Sendable {
    public let schema: GraphQLSchema
    public let parseOptions: ParseOptions
    public let capacity: Int
    /// Custom scalars' literal parsers, for validation.
    public let customScalars: [String: ScalarCoercion]
    private let state: Mutex<CacheState>

    struct CacheState {
        var entries: [String: Entry] = [:]
        var persisted: [String: String] = [:]
        var clock: UInt64 = 0
    }

    struct Entry {
        let prepared: Result<Document, DocumentErrors>
        var lastUse: UInt64
    }

    /// A cache for documents against `schema`, parsed with `parseOptions`; `customScalars` judge their literals.
    public init(
        schema: GraphQLSchema, parseOptions: ParseOptions = .request, capacity: Int = 2_000, customScalars: [String: ScalarCoercion] = [:]
    ) {
        self.schema = schema
        self.customScalars = customScalars
        self.parseOptions = parseOptions
        self.capacity = max(1, capacity)
        self.state = Mutex(CacheState())
    }

    /// The parsed, validated document for a request, resolving persisted-query hashes.
    /// Errors carry `extensions.code`: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
    /// PERSISTED_QUERY_NOT_FOUND or BAD_USER_INPUT.
    public func document(query: String?, persistedHash: String? = nil) -> Result<Document, DocumentErrors> {
        var text = query
        if let persistedHash {
            let hash = persistedHash.lowercased()
            if let query {
                guard SHA256.hex(query.utf8) == hash else {
                    return .failure(DocumentErrors([GraphQLError("provided sha does not match query", extensions: ["code": "BAD_USER_INPUT"])]))
                }
                state.withLock { state in
                    if state.persisted.count >= capacity { state.persisted.removeAll(keepingCapacity: true) }
                    state.persisted[hash] = query
                }
            } else {
                text = state.withLock { $0.persisted[hash] }
                if text == nil {
                    return .failure(DocumentErrors([GraphQLError("PersistedQueryNotFound", extensions: ["code": "PERSISTED_QUERY_NOT_FOUND"])]))
                }
            }
        }
        guard let text else {
            return .failure(DocumentErrors([GraphQLError("Must provide query string.", extensions: ["code": "BAD_USER_INPUT"])]))
        }
        if let hit = state.withLock({ state -> Result<Document, DocumentErrors>? in
            guard var entry = state.entries[text] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[text] = entry
            return entry.prepared
        }) {
            return hit
        }
        let prepared = prepare(text)
        state.withLock { state in
            if state.entries.count >= capacity { Self.evictOldHalf(&state) }
            state.clock += 1
            state.entries[text] = Entry(prepared: prepared, lastUse: state.clock)
        }
        return prepared
    }

    /// How many documents are cached.
    public var count: Int { state.withLock { $0.entries.count } }

    private func prepare(_ text: String) -> Result<Document, DocumentErrors> {
        let document: Document
        do {
            document = try parse(text, options: parseOptions)
        } catch {
            var e = error
            e.extensions["code"] = "GRAPHQL_PARSE_FAILED"
            return .failure(DocumentErrors([e]))
        }
        let errors = validate(schema: schema, document: document, customScalars: customScalars)
        guard errors.isEmpty else {
            return .failure(DocumentErrors(errors.map { error in
                var e = error
                e.extensions["code"] = "GRAPHQL_VALIDATION_FAILED"
                return e
            }))
        }
        return .success(document)
    }

    /// Drops the least recently used half, so eviction costs O(n log n) once per n/2 inserts.
    private static func evictOldHalf(_ state: inout CacheState) {
        let sorted = state.entries.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, _) in sorted.prefix(sorted.count / 2 + 1) { state.entries.removeValue(forKey: key) }
    }
}

/// The errors that stop a document before execution.
public struct DocumentErrors: Error, Sendable {
    public let errors: [GraphQLError]
    /// Wraps the errors that stopped a document.
    public init(_ errors: [GraphQLError]) { self.errors = errors }
}
