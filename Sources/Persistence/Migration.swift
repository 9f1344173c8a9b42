import Crypto
import Foundation

/// One SQL file of `migrations/control` or `migrations/tenant`.
public struct Migration: Sendable, Hashable {
    /// Which schema the migration applies to.
    public enum Scope: String, Sendable, Hashable {
        case control
        case tenant
    }

    public let scope: Scope
    /// The NNNN prefix of the file name; migrations apply in increasing version order.
    public let version: Int
    /// The file name without prefix and extension.
    public let name: String
    public let sql: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public let checksum: String

    /// Creates a migration and computes its checksum.
    public init(scope: Scope, version: Int, name: String, sql: String) {
        self.scope = scope
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hex(of: sql)
    }

    /// The file name this migration came from, as in `0001_workspaces.sql`.
    public var fileName: String {
        String(format: "%04d_", version) + name + ".sql"
    }

    /// `control/0001_workspaces.sql`, for messages.
    public var displayName: String { "\(scope.rawValue)/\(fileName)" }
}
