import Foundation
import GraphQLConformance

/// Reads conformance cases as JSON lines on standard input and writes one result line per
/// case on standard output (README, "GraphQL conformance").
@main
struct ConformanceMain {
    static func main() async {
        let runner = ConformanceRunner()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        var output = ""
        for line in input.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let testCase = ConformanceCase(jsonLine: Array(line)) {
                output += await runner.run(testCase).jsonLine + "\n"
            } else {
                output += "{\"id\":null,\"stage\":\"parse\",\"errors\":[{\"message\":\"Unreadable case line\",\"locations\":[],\"path\":null}],\"hasData\":false}\n"
            }
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
