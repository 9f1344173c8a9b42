import Foundation

/// The outcome of one benchmark, as a table row.
struct BenchmarkResult {
    let name: String
    let ours: Measurement
    let peer: Measurement

    /// How many times faster ours is than the peer (above 1: ours is faster).
    var ratio: Double { ours.opsPerSecond / peer.opsPerSecond }
}

/// Renders results as a Markdown table, readable in a terminal and pasteable into the
/// README or a pull request as is.
struct ResultTable {
    let results: [BenchmarkResult]

    func render() -> String {
        let header = [
            "benchmark", "ours ops/s", "peer ops/s", "ours/peer",
            "ours iterations", "peer iterations",
        ]
        let rows = results.map { result in
            [
                result.name,
                rate(result.ours),
                rate(result.peer),
                String(format: "%.2fx", result.ratio),
                iterations(result.ours),
                iterations(result.peer),
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        // The first column is text (left-aligned), the rest are figures (right-aligned).
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.enumerated().map { column, width in
            column == 0
                ? ":" + String(repeating: "-", count: width + 1)
                : String(repeating: "-", count: width + 1) + ":"
        }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// "12,345 ±3%": the median rate and the samples' spread.
    private func rate(_ measurement: Measurement) -> String {
        let value = measurement.opsPerSecond
        let figure = value >= 100 ? grouped(Int(value.rounded())) : String(format: "%.2f", value)
        return "\(figure) ±\(Int((measurement.relativeSpread * 100).rounded()))%"
    }

    /// "5 x 1,234": samples times iterations per sample.
    private func iterations(_ measurement: Measurement) -> String {
        "\(measurement.samples.count) x \(grouped(measurement.iterationsPerSample))"
    }

    private func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
