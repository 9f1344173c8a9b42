import Foundation

/// Reads the benchmark inputs from the engine tests' fixtures, `Tests/GraphQLEngineTests/Fixtures`
/// (one copy in the repository for tests and benchmarks alike).
///
/// The directory is found relative to this source file (`#filePath`), so the binary works
/// from any current directory without copying resources into a bundle (see
/// Benchmarks/README.md for the files' origin).
struct Fixtures {
    let directory: URL

    init(directory: String?) {
        if let directory {
            self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        } else {
            self.directory = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent()  // graphql-bench
                .deletingLastPathComponent()  // Sources
                .deletingLastPathComponent()  // Benchmarks
                .deletingLastPathComponent()  // the repository
                .appendingPathComponent("Tests/GraphQLEngineTests/Fixtures", isDirectory: true)
        }
    }

    /// The text of fixture `name`, for example "github-schema.graphql".
    func text(_ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SanityError("cannot read fixture \(url.path): \(error)")
        }
    }
}
