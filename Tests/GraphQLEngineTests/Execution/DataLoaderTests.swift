@testable import GraphQLEngine
import Testing

actor BatchLog {
    private(set) var batches: [[Int]] = []
    func record(_ keys: [Int]) { batches.append(keys) }
}

@Suite(.timeLimit(.minutes(1))) struct DataLoaderTests {
    @Test func parentsLoadingChildrenMakeOneBatchPerLevel() async throws {
        let schema = try buildSchema("""
            type Query { accounts: [Account!]! }
            type Account { id: Int! owner: User }
            type User { id: Int! manager: User }
            """)
        let log = BatchLog()
        let users = LoaderDefinition<Int, GraphQLValue>(name: "users") { keys, _ in
            await log.record(keys)
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, ["id": .int($0)]) })
        }
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "accounts") { _ in .value(.list((1...10).map { ["id": .int($0)] })) }
        builder.resolveAsync("Account", "owner") { input in
            guard case .int(let id)? = (input.source as? GraphQLObject)?["id"] else { return .null }
            // Accounts 1-10 are owned by users 1-5: repeated keys load once.
            return try await input.info.loaders.load(users, (id + 1) / 2).map(Resolved.value) ?? .null
        }
        builder.resolveAsync("User", "manager") { input in
            guard case .int(let id)? = (input.source as? GraphQLObject)?["id"] else { return .null }
            return try await input.info.loaders.load(users, 100 + id).map(Resolved.value) ?? .null
        }
        let executable = try builder.build()
        let document = try parse("{ accounts { id owner { id manager { id } } } }")
        let result = await execute(schema: executable, document: document)
        #expect(result.errors.isEmpty)
        let batches = await log.batches
        #expect(batches.count == 2)
        #expect(batches.first.map { Set($0) } == Set(1...5))
        #expect(batches.last.map { Set($0) } == Set(101...105))
        #expect(result.data?["accounts"] == .list((1...10).map { id in
            ["id": .int(id), "owner": ["id": .int((id + 1) / 2), "manager": ["id": .int(100 + (id + 1) / 2)]]]
        }))
    }

    @Test func aFailingBatchFailsEveryWaitingField() async throws {
        struct Down: Error {}
        let schema = try buildSchema("type Query { a: Int b: Int }")
        let numbers = LoaderDefinition<Int, Int>(name: "numbers") { _, _ in throw Down() }
        var builder = ExecutableSchema.Builder(schema: schema)
        for field in ["a", "b"] {
            builder.resolveAsync("Query", field) { input in
                try await input.info.loaders.load(numbers, 1).map(Resolved.int) ?? .null
            }
        }
        let result = await execute(schema: try builder.build(), document: try parse("{ a b }"))
        #expect(result.data == ["a": .null, "b": .null])
        #expect(result.errors.count == 2)
    }

    /// Two loaders of one level answer at different speeds; the keys their resolvers ask next still leave as one
    /// batch, so the number of batches depends on the query's shape, not on timing.
    @Test func keysOfOneLevelWaitForEverySiblingBatch() async throws {
        let schema = try buildSchema("""
            type Query { items: [Item!]! }
            type Item { fast: Leaf slow: Leaf }
            type Leaf { tag: Tag }
            type Tag { id: Int! }
            """)
        let log = BatchLog()
        let fast = LoaderDefinition<Int, GraphQLValue>(name: "fast") { keys, _ in
            Dictionary(uniqueKeysWithValues: keys.map { ($0, ["id": .int($0)]) })
        }
        let slow = LoaderDefinition<Int, GraphQLValue>(name: "slow") { keys, _ in
            try await Task.sleep(for: .milliseconds(200))
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, ["id": .int(1_000 + $0)]) })
        }
        let tags = LoaderDefinition<Int, GraphQLValue>(name: "tags") { keys, _ in
            await log.record(keys)
            return Dictionary(uniqueKeysWithValues: keys.map { ($0, ["id": .int($0)]) })
        }
        var builder = ExecutableSchema.Builder(schema: schema)
        builder.resolve("Query", "items") { _ in .value(.list((1...5).map { ["id": .int($0)] })) }
        for (field, loader) in [("fast", fast), ("slow", slow)] {
            builder.resolveAsync("Item", field) { input in
                guard case .int(let id)? = (input.source as? GraphQLObject)?["id"] else { return .null }
                return try await input.info.loaders.load(loader, id).map(Resolved.value) ?? .null
            }
        }
        builder.resolveAsync("Leaf", "tag") { input in
            guard case .int(let id)? = (input.source as? GraphQLObject)?["id"] else { return .null }
            return try await input.info.loaders.load(tags, id).map(Resolved.value) ?? .null
        }
        let result = await execute(schema: try builder.build(), document: try parse("{ items { fast { tag { id } } slow { tag { id } } } }"))
        #expect(result.errors.isEmpty)
        let batches = await log.batches
        #expect(batches.count == 1, "\(batches)")
        #expect(batches.first.map { Set($0) } == Set([1, 2, 3, 4, 5, 1_001, 1_002, 1_003, 1_004, 1_005]))
    }
}
