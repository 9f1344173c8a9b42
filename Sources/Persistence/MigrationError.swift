/// Why migrations cannot run; each message says what to fix.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case folderMissing(String)
    case unreadable(String, String)
    case badFileName(String)
    case duplicateVersion(String, String)
    /// An applied migration's file changed since: (file, where it was applied).
    case checksumMismatch(file: String, target: String)
    /// The database has a migration this program does not know: (version, name, where).
    case unknownAppliedMigration(version: Int, name: String, target: String)
    /// A control migration failed: (file, server message).
    case controlFailed(file: String, message: String)
    /// Tenant migrations failed in some workspaces; the others are migrated.
    case tenantFailures([TenantMigrationFailure])

    public var description: String {
        switch self {
        case .folderMissing(let path):
            return "migrations folder \(path) does not exist (set MIGRATIONS_DIR)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .badFileName(let file):
            return "migration file \(file) must be named NNNN_lowercase_name.sql"
        case .duplicateVersion(let first, let second):
            return "migrations \(first) and \(second) have the same version number"
        case .checksumMismatch(let file, let target):
            return "migration \(file) was changed after it was applied to \(target); restore the file and add a new migration instead"
        case .unknownAppliedMigration(let version, let name, let target):
            return "\(target) has migration \(version) (\(name)) applied that is not in the migrations folder; is this an older build?"
        case .controlFailed(let file, let message):
            return "control migration \(file) failed and was rolled back: \(message)"
        case .tenantFailures(let failures):
            let shown = failures.prefix(10).map(\.description).joined(separator: "; ")
            let more = failures.count > 10 ? " (and \(failures.count - 10) more)" : ""
            return "tenant migrations failed in \(failures.count) workspace(s), each rolled back: \(shown)\(more)"
        }
    }
}

/// One workspace whose tenant migrations failed and were rolled back.
public struct TenantMigrationFailure: Sendable, Equatable, CustomStringConvertible {
    public let schema: String
    public let message: String

    /// A failure of the workspace `schema`, with the reason.
    public init(schema: String, message: String) {
        self.schema = schema
        self.message = message
    }

    public var description: String { "\(schema): \(message)" }
}
