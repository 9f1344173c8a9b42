import Foundation
import GraphQLEngine

/// A request whose document is parsed, validated and within the limits, with its static cost.
public struct PreparedRequest: Sendable {
    public let request: GraphQLRequest
    public let document: Document
    /// The operation that will run; nil when the request does not pick one (execution then reports why).
    public let operation: OperationDefinition?
    /// The static cost the rate limiter charges before execution.
    public let cost: QueryCost

    /// The workspaces the operation's root fields name: `workspace(id:)` and every root field's `workspaceId`
    /// argument, literal or variable, at most `limit` distinct. Their plans size the workspace rate-limit buckets.
    public func workspaceIDs(limit: Int = 20) -> [UUID] {
        guard let operation else { return [] }
        var found: [UUID] = []
        var fragments: [String: FragmentDefinition] = [:]
        for case .fragment(let fragment) in document.definitions { fragments[fragment.name.value] = fragment }
        var visited: Set<String> = []
        func add(_ value: Value) {
            let text: String?
            switch value {
            case .string(let literal): text = literal.value
            case .variable(let variable):
                if case .string(let s)? = request.variables[variable.name.value] { text = s } else { text = nil }
            default: text = nil
            }
            if let text, let id = UUID(uuidString: text), !found.contains(id), found.count < limit { found.append(id) }
        }
        func visit(_ selectionSet: SelectionSet) {
            for selection in selectionSet.selections {
                switch selection {
                case .field(let field):
                    for argument in field.arguments
                    where argument.name.value == "workspaceId" || (field.name.value == "workspace" && argument.name.value == "id") {
                        add(argument.value)
                    }
                case .inlineFragment(let inline):
                    visit(inline.selectionSet)
                case .fragmentSpread(let spread):
                    let name = spread.name.value
                    guard visited.insert(name).inserted, let fragment = fragments[name] else { continue }
                    visit(fragment.selectionSet)
                }
            }
        }
        visit(operation.selectionSet)
        return found
    }
}
