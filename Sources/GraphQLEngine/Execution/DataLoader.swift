import Synchronization

/// A batch loader with DataLoader semantics: keys requested while resolvers run are
/// collected and fetched in one call once every running resolver is waiting on a loader
/// (or done), and each key is loaded at most once per request.
public struct LoaderDefinition<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Identifies the loader within a request; two definitions with one name share a cache.
    public let name: String
    /// Loads many keys at once; keys missing from the result load as nil.
    public let batch: @Sendable ([Key], _ context: any Sendable) async throws -> [Key: Value]

    /// Defines a loader.
    public init(name: String, batch: @escaping @Sendable ([Key], _ context: any Sendable) async throws -> [Key: Value]) {
        self.name = name
        self.batch = batch
    }
}

/// The loaders of one request, and the bookkeeping that decides when they dispatch.
public final class LoaderRegistry: Sendable {
    let context: any Sendable
    private let state = Mutex(RegistryState())

    struct RegistryState {
        var loaders: [String: any BatchDispatching] = [:]
        /// Resolver tasks the executor has started and not yet seen finish.
        var active = 0
        /// Loads waiting for a dispatch.
        var blocked = 0
        /// Batches dispatched and not yet answered.
        var inFlight = 0
    }

    /// A registry for one request.
    public init(context: any Sendable) {
        self.context = context
    }

    /// The request's loader for `definition`, made on first use.
    public func loader<Key, Value>(_ definition: LoaderDefinition<Key, Value>) -> DataLoader<Key, Value> {
        state.withLock { state in
            if let existing = state.loaders[definition.name] as? DataLoader<Key, Value> { return existing }
            let loader = DataLoader(definition: definition, registry: self)
            state.loaders[definition.name] = loader
            return loader
        }
    }

    /// Loads one key through the request's loader for `definition`.
    public func load<Key, Value>(_ definition: LoaderDefinition<Key, Value>, _ key: Key) async throws -> Value? {
        try await loader(definition).load(key)
    }

    func resolverStarted() {
        state.withLock { $0.active += 1 }
    }

    func resolverFinished() {
        let ready = state.withLock { state -> [any BatchDispatching] in
            state.active -= 1
            return Self.readyLoaders(&state)
        }
        for loader in ready { loader.dispatch(context: context) }
    }

    func loadQueued() {
        let ready = state.withLock { state -> [any BatchDispatching] in
            state.blocked += 1
            return Self.readyLoaders(&state)
        }
        for loader in ready { loader.dispatch(context: context) }
    }

    /// A batch answered: its waiters are about to resume. Returns the loaders to dispatch now (only when no
    /// waiter resumed, since resumed resolvers run on and may queue more keys of the same level).
    func batchFinished(resuming count: Int) -> [any BatchDispatching] {
        state.withLock { state in
            state.blocked -= count
            state.inFlight -= 1
            return Self.readyLoaders(&state)
        }
    }

    /// Dispatches loaders `batchFinished` found ready.
    func dispatch(_ loaders: [any BatchDispatching]) {
        for loader in loaders { loader.dispatch(context: context) }
    }

    /// When every running resolver is waiting on a load and no batch is in flight, the loaders with queued keys go
    /// together. Waiting for batches in flight keeps one execution level in one batch per loader: without it, keys a
    /// fast batch's resolvers queue would leave before those of a slower sibling batch, and how many statements a
    /// query runs would depend on timing.
    private static func readyLoaders(_ state: inout RegistryState) -> [any BatchDispatching] {
        guard state.blocked > 0, state.blocked >= state.active, state.inFlight == 0 else { return [] }
        let ready = state.loaders.values.filter { $0.takeQueue() }
        state.inFlight += ready.count
        return ready
    }
}

protocol BatchDispatching: Sendable {
    /// Marks the queued keys as taken for a dispatch; false when none are queued.
    func takeQueue() -> Bool
    func dispatch(context: any Sendable)
}

/// One request's loader for one kind of key.
public final class DataLoader<Key: Hashable & Sendable, Value: Sendable>: BatchDispatching, Sendable {
    let definition: LoaderDefinition<Key, Value>
    unowned let registry: LoaderRegistry
    private let state = Mutex(LoaderState())

    struct LoaderState {
        var results: [Key: Result<Value?, any Error>] = [:]
        var waiting: [Key: [CheckedContinuation<Value?, any Error>]] = [:]
        var queue: [Key] = []
        var taken: [Key] = []
    }

    init(definition: LoaderDefinition<Key, Value>, registry: LoaderRegistry) {
        self.definition = definition
        self.registry = registry
    }

    /// The value for `key`, batched with the other keys requested meanwhile.
    public func load(_ key: Key) async throws -> Value? {
        try await withCheckedThrowingContinuation { continuation in
            let queued = state.withLock { state -> Bool in
                if let result = state.results[key] {
                    continuation.resume(with: result)
                    return false
                }
                if state.waiting[key] != nil {
                    state.waiting[key]!.append(continuation)
                } else {
                    state.waiting[key] = [continuation]
                    state.queue.append(key)
                }
                return true
            }
            if queued { registry.loadQueued() }
        }
    }

    func takeQueue() -> Bool {
        state.withLock { state in
            guard !state.queue.isEmpty else { return false }
            state.taken += state.queue
            state.queue = []
            return true
        }
    }

    func dispatch(context: any Sendable) {
        let keys = state.withLock { state -> [Key] in
            let keys = state.taken
            state.taken = []
            return keys
        }
        // Held strongly by the batch: the request may finish (and drop its registry) while a batch is still answering.
        let registry: LoaderRegistry = self.registry
        guard !keys.isEmpty else {
            registry.dispatch(registry.batchFinished(resuming: 0))
            return
        }
        let batch = definition.batch
        Task {
            let outcome: Result<[Key: Value], any Error>
            do {
                outcome = .success(try await batch(keys, context))
            } catch {
                outcome = .failure(error)
            }
            let resumed = state.withLock { state -> [(CheckedContinuation<Value?, any Error>, Result<Value?, any Error>)] in
                var resumed: [(CheckedContinuation<Value?, any Error>, Result<Value?, any Error>)] = []
                for key in keys {
                    let result: Result<Value?, any Error> = outcome.map { $0[key] }
                    state.results[key] = result
                    for continuation in state.waiting.removeValue(forKey: key) ?? [] {
                        resumed.append((continuation, result))
                    }
                }
                return resumed
            }
            let ready = registry.batchFinished(resuming: resumed.count)
            for (continuation, result) in resumed { continuation.resume(with: result) }
            registry.dispatch(ready)
        }
    }
}
