/// Spec 5.5.2.2 Fragment Spreads Must Not Form Cycles. Depth-first over spreads, each
/// fragment entered once, reporting every cycle with the spreads along it.
final class NoFragmentCyclesRule: ValidationRule {
    private var visited: Set<String> = []
    private var spreadPath: [FragmentSpread] = []
    private var pathIndexByName: [String: Int] = [:]

    func enterFragmentDefinition(_ node: FragmentDefinition, _ context: ValidationContext) {
        detectCycles(from: node, context)
    }

    private func detectCycles(from fragment: FragmentDefinition, _ context: ValidationContext) {
        let name = fragment.name.value
        guard visited.insert(name).inserted else { return }
        let spreads = Self.fragmentSpreads(in: fragment.selectionSet)
        guard !spreads.isEmpty else { return }
        pathIndexByName[name] = spreadPath.count
        for spread in spreads {
            let spreadName = spread.name.value
            let cycleIndex = pathIndexByName[spreadName]
            spreadPath.append(spread)
            if let cycleIndex {
                let cycle = spreadPath[cycleIndex...]
                let via = cycle.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(spreadName)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    cycle.map(\.loc))
            } else if let target = context.fragments[spreadName] {
                detectCycles(from: target, context)
            }
            spreadPath.removeLast()
        }
        pathIndexByName[name] = nil
    }

    /// Every spread under a selection set, in graphql-js's order (a stack of sets).
    static func fragmentSpreads(in selectionSet: SelectionSet) -> [FragmentSpread] {
        var spreads: [FragmentSpread] = []
        var setsToVisit = [selectionSet]
        while let set = setsToVisit.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let s = field.selectionSet { setsToVisit.append(s) }
                case .inlineFragment(let fragment): setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        return spreads
    }
}
