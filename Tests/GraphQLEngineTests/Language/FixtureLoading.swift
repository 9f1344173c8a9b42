import Foundation
import Testing

/// Reads a file from Tests/GraphQLEngineTests/Fixtures (copies of the standard GraphQL
/// benchmark inputs; see README).
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}
