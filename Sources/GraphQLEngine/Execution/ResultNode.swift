/// A value being completed. Synchronous work yields `.value` at once; a subtree waiting on
/// an asynchronous resolver stays a container until its pending parts arrive, and is
/// folded into a value at the end, where null propagation (spec 6.4.4) is applied.
enum ResultNode {
    case value(GraphQLValue)
    /// An error made this non-null position null: the nearest nullable parent becomes null.
    case failed
    case object(ResultObject)
    case list(ResultList)
    case pending(PendingResult)
}

final class ResultObject {
    let keys: [String]
    let nodes: [ResultNode]
    /// Whether the position holding this object may be null.
    var nullable = true

    init(keys: [String], nodes: [ResultNode]) {
        self.keys = keys
        self.nodes = nodes
    }
}

final class ResultList {
    let nodes: [ResultNode]
    var nullable = true

    init(nodes: [ResultNode]) { self.nodes = nodes }
}

/// The slot of a field whose resolver runs asynchronously; filled with the completed node.
final class PendingResult {
    var node: ResultNode?
}

extension ResultNode {
    /// The final value, or nil when a failure propagates past this node.
    func finalize() -> GraphQLValue? {
        switch self {
        case .value(let v):
            return v
        case .failed:
            return nil
        case .object(let object):
            var result = GraphQLObject()
            for (key, node) in zip(object.keys, object.nodes) {
                guard let value = node.finalize() else { return object.nullable ? .null : nil }
                result.append(key, value)
            }
            return .object(result)
        case .list(let list):
            var items: [GraphQLValue] = []
            items.reserveCapacity(list.nodes.count)
            for node in list.nodes {
                guard let value = node.finalize() else { return list.nullable ? .null : nil }
                items.append(value)
            }
            return .list(items)
        case .pending(let pending):
            return pending.node?.finalize() ?? nil
        }
    }
}
