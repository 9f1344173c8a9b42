/// The cost a request turned out to have, counted on its response with the static analysis's rule (an object costs 1,
/// a leaf 0): the objects actually returned, below the root. A page that came back shorter than `first` costs less
/// than it was charged, and the rate limiter refunds the difference (as Shopify's `actualQueryCost` does).
public enum ActualCost {
    /// The number of objects in `data`, not counting `data` itself.
    public static func of(_ data: GraphQLValue?) -> Int {
        guard let data else { return 0 }
        return max(0, objects(in: data) - 1)
    }

    private static func objects(in value: GraphQLValue) -> Int {
        switch value {
        case .object(let object): return 1 + object.values.reduce(0) { $0 + objects(in: $1) }
        case .list(let items): return items.reduce(0) { $0 + objects(in: $1) }
        default: return 0
        }
    }
}
