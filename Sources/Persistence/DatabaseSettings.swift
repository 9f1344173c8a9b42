import Foundation

/// Where and how to reach PostgreSQL, parsed from a `postgres://` URL.
public struct DatabaseSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// Upper bound on pooled connections.
    public var maximumConnections: Int
    /// Whether and how connections use TLS (the URL's `sslmode` and `sslrootcert`).
    public var tls: DatabaseTLS

    /// Creates settings from their parts.
    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String, maximumConnections: Int = 10,
        tls: DatabaseTLS = .disable
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.maximumConnections = maximumConnections
        self.tls = tls
    }

    /// Parses `postgres://user[:password]@host[:port]/database[?sslmode=MODE[&sslrootcert=PATH]]` (MODE as libpq's:
    /// disable, the default here, prefer, require, verify-ca or verify-full); the message of the error says what is wrong.
    public init(url: String, maximumConnections: Int = 10) throws(DatabaseURLError) {
        guard let components = URLComponents(string: url) else {
            throw DatabaseURLError("is not a URL")
        }
        guard let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw DatabaseURLError("must start with postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseURLError("has no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseURLError("has no user name")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw DatabaseURLError("must name one database in its path, as in /budgetai")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw DatabaseURLError("has port \(port), outside 1-65535")
        }
        let tls = try DatabaseTLS(queryItems: components.queryItems ?? [])
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database.removingPercentEncoding ?? database,
            maximumConnections: maximumConnections,
            tls: tls
        )
    }

    /// The URL without its password, safe to print.
    public var redactedURL: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)\(tls.urlQuery)"
    }
}

/// A `postgres://` URL that cannot be used; `reason` completes "the URL ...".
public struct DatabaseURLError: Error, Equatable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
