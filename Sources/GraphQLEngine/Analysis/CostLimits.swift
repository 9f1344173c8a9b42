/// Limits on an operation's static cost and depth, checked before execution so an
/// expensive request is refused having cost almost nothing.
public struct CostLimits: Sendable {
    public var maxCost: Int
    public var maxDepth: Int

    /// Limits with the given maximum cost and depth.
    public init(maxCost: Int = 10_000, maxDepth: Int = 15) {
        self.maxCost = maxCost
        self.maxDepth = maxDepth
    }

    /// Errors for each limit `cost` crosses (empty when within limits).
    public func check(_ cost: QueryCost) -> [GraphQLError] {
        var errors: [GraphQLError] = []
        if cost.requested > maxCost {
            errors.append(GraphQLError(
                "Query cost \(cost.requested) exceeds the maximum cost of \(maxCost).",
                extensions: ["code": "QUERY_TOO_COMPLEX"]))
        }
        if cost.depth > maxDepth {
            errors.append(GraphQLError(
                "Query depth \(cost.depth) exceeds the maximum depth of \(maxDepth).",
                extensions: ["code": "QUERY_TOO_DEEP"]))
        }
        return errors
    }
}
