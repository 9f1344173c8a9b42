/// An execution benchmark's schema, query and data, described without either engine's
/// types so that both sides run exactly the same request over the same data.
struct ExecutionWorkload: Sendable {
    let sdl: String
    let query: String
    /// The root object's data as plain Swift values: strings, Ints, Doubles, Bools, arrays
    /// and `[String: Any]`-like nodes (`Node`).
    let root: Node

    indirect enum Node: Sendable {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case list([Node])
        case object([(String, Node)])
    }

    /// The number of objects and leaves the response must hold (the fingerprint).
    func expectedShape() -> String {
        var objects = 0
        var leaves = 0
        func walk(_ node: Node) {
            switch node {
            case .object(let fields):
                objects += 1
                for (_, value) in fields { walk(value) }
            case .list(let items):
                for item in items { walk(item) }
            default:
                leaves += 1
            }
        }
        walk(root)
        return "objects=\(objects) leaves=\(leaves)"
    }

    /// 1,000 objects with five scalar fields (id: ID!, name, count, score, active).
    static let list = ExecutionWorkload(
        sdl: "type Query { items: [Item] } type Item { id: ID! name: String count: Int score: Float active: Boolean }",
        query: "{ items { id name count score active } }",
        root: .object([("items", .list((0..<1_000).map(item)))]))

    /// 100 groups, each with a name and 10 items of two fields.
    static let nested = ExecutionWorkload(
        sdl: "type Query { groups: [Group] } type Group { id: ID! name: String items: [Entry] } type Entry { id: ID! value: Int }",
        query: "{ groups { id name items { id value } } }",
        root: .object([
            ("groups", .list((0..<100).map { g in
                .object([
                    ("id", .string("g\(g)")), ("name", .string("group \(g)")),
                    ("items", .list((0..<10).map { i in .object([("id", .string("g\(g)-\(i)")), ("value", .int(g * 10 + i))]) })),
                ])
            }))
        ]))

    private static func item(_ i: Int) -> Node {
        .object([
            ("id", .string(String(i))), ("name", .string("item \(i)")), ("count", .int(i)),
            ("score", .double(Double(i) / 4)), ("active", .bool(i % 2 == 0)),
        ])
    }
}
