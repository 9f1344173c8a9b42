import Foundation

/// Where and how to reach Redis, parsed from a `redis://` URL.
public struct RedisSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var password: String?
    /// The logical database, selected after connecting.
    public var database: Int
    /// Limit for connecting and for each command's reply.
    public var timeout: Duration

    /// Creates settings from their parts.
    public init(host: String, port: Int = 6379, password: String? = nil, database: Int = 0, timeout: Duration = .seconds(2)) {
        self.host = host
        self.port = port
        self.password = password
        self.database = database
        self.timeout = timeout
    }

    /// Parses `redis://[:password@]host[:port][/database]`; the message of the error says what is wrong.
    public init(url: String, timeout: Duration = .seconds(2)) throws(RedisURLError) {
        guard let components = URLComponents(string: url) else { throw RedisURLError("is not a URL") }
        guard components.scheme == "redis" else { throw RedisURLError("must start with redis:// (TLS is not supported yet)") }
        guard let host = components.host, !host.isEmpty else { throw RedisURLError("has no host") }
        if let port = components.port, !(1...65535).contains(port) {
            throw RedisURLError("has port \(port), outside 1-65535")
        }
        let path = components.path.drop(while: { $0 == "/" })
        var database = 0
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else {
                throw RedisURLError("has path /\(path); the path can only be a database number")
            }
            database = number
        }
        self.init(
            host: host,
            port: components.port ?? 6379,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database,
            timeout: timeout
        )
    }

    /// The URL without its password, safe to print.
    public var redactedURL: String {
        "redis://\(password == nil ? "" : ":***@")\(host):\(port)/\(database)"
    }
}

/// A `redis://` URL that cannot be used; `reason` completes "the URL ...".
public struct RedisURLError: Error, Equatable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
