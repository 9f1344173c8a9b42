import Foundation

/// The ordered control and tenant migrations read from a migrations folder.
public struct MigrationSet: Sendable, Equatable {
    public let control: [Migration]
    public let tenant: [Migration]

    /// Creates a set from migrations already in memory; versions must be unique per scope.
    public init(control: [Migration], tenant: [Migration]) throws(MigrationError) {
        self.control = try Self.ordered(control)
        self.tenant = try Self.ordered(tenant)
    }

    /// Reads `<directory>/control/NNNN_name.sql` and `<directory>/tenant/NNNN_name.sql`.
    public static func load(from directory: URL) throws(MigrationError) -> MigrationSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .folderMissing(directory.path)
        }
        return try MigrationSet(
            control: loadScope(.control, from: directory.appendingPathComponent("control")),
            tenant: loadScope(.tenant, from: directory.appendingPathComponent("tenant"))
        )
    }

    private static func loadScope(_ scope: Migration.Scope, from folder: URL) throws(MigrationError) -> [Migration] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .unreadable(folder.path, String(describing: error))
        }
        var migrations: [Migration] = []
        for fileName in names where fileName.hasSuffix(".sql") {
            guard let (version, name) = parseFileName(fileName) else {
                throw .badFileName("\(scope.rawValue)/\(fileName)")
            }
            let path = folder.appendingPathComponent(fileName).path
            guard let data = FileManager.default.contents(atPath: path), let sql = String(data: data, encoding: .utf8) else {
                throw .unreadable(path, "not readable as UTF-8")
            }
            migrations.append(Migration(scope: scope, version: version, name: name, sql: sql))
        }
        return migrations
    }

    /// Splits `0001_create_things.sql` into (1, "create_things"); nil unless it has exactly that shape.
    static func parseFileName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII), let version = Int(parts[0]), version > 0
        else { return nil }
        let name = String(parts[1])
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        guard allowed, !name.isEmpty else { return nil }
        return (version, name)
    }

    private static func ordered(_ migrations: [Migration]) throws(MigrationError) -> [Migration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw .duplicateVersion(previous.displayName, next.displayName)
        }
        return sorted
    }
}
