/// "Did you mean" helpers as graphql-js words them: options ranked by edit distance.
enum Suggestions {
    /// Options close to `input` by Damerau-Levenshtein distance, closest first.
    static func list(_ input: String, _ options: [String]) -> [String] {
        let inputLower = Array(input.lowercased().utf8)
        let threshold = Int(Double(inputLower.count) * 0.4) + 1
        var scored: [(String, Int)] = []
        for option in options {
            let lower = Array(option.lowercased().utf8)
            let distance = inputLower == lower ? 1 : distanceBetween(inputLower, lower, limit: threshold)
            if let distance, distance <= threshold { scored.append((option, distance)) }
        }
        return scored.sorted { a, b in a.1 != b.1 ? a.1 < b.1 : a.0 < b.0 }.map(\.0)
    }

    /// " Did you mean "a", "b" or "c"?" for up to five suggestions, or "".
    static func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
        guard !suggestions.isEmpty else { return "" }
        let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
        var message = " Did you mean " + (subMessage.map { $0 + " " } ?? "")
        switch quoted.count {
        case 1: message += quoted[0]
        case 2: message += quoted[0] + " or " + quoted[1]
        default: message += quoted.dropLast().joined(separator: ", ") + ", or " + quoted.last!
        }
        return message + "?"
    }

    private static func distanceBetween(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...max(1, a.count) where a.count > 0 {
            let current = i % 3
            let previous = (i - 1) % 3
            rows[current][0] = i
            var smallest = i
            for j in 1...max(1, b.count) where b.count > 0 {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(rows[previous][j] + 1, rows[current][j - 1] + 1, rows[previous][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, rows[(i - 2) % 3][j - 2] + 1)
                }
                rows[current][j] = value
                smallest = min(smallest, value)
            }
            if smallest > limit { return nil }
        }
        return rows[a.count % 3][b.count]
    }
}
