import Foundation

/// Where and how mail is sent, from `SMTP_URL`: `smtp://[user:password@]host[:port][/ehlo-name][?starttls=required]`
/// or `smtps://...` (TLS from the first byte, port 465 by default).
public struct SMTPSettings: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        /// Plain SMTP (a local relay, a test sink).
        case none
        /// Plain SMTP upgraded with STARTTLS, refused when the server does not offer it.
        case startTLSRequired
        /// TLS from the start (`smtps://`).
        case implicitTLS
    }

    public let host: String
    public let port: Int
    public let username: String?
    public let password: String?
    public let security: Security
    /// The name sent with EHLO (the URL's path), when given.
    public let ehloName: String?
    /// How long connecting may take.
    public var connectTimeout: Duration = .seconds(10)
    /// How long one message may take, connecting included.
    public var timeout: Duration = .seconds(60)

    /// Parses an `SMTP_URL`; the error's reason completes "the URL ...".
    public init(url text: String) throws(SMTPSettingsError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw SMTPSettingsError(reason: "is not a URL such as smtp://host:587?starttls=required")
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw SMTPSettingsError(reason: "must start with smtp:// or smtps://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw SMTPSettingsError(reason: "has no host") }
        let port = components.port ?? (scheme == "smtps" ? 465 : 25)
        guard (1...65535).contains(port) else { throw SMTPSettingsError(reason: "has a port outside 1-65535") }
        var security: Security = scheme == "smtps" ? .implicitTLS : .none
        for item in components.queryItems ?? [] {
            switch (item.name.lowercased(), item.value?.lowercased() ?? "") {
            case ("starttls", "required"):
                guard scheme == "smtp" else { throw SMTPSettingsError(reason: "asks for STARTTLS on smtps://, which is TLS already") }
                security = .startTLSRequired
            case ("starttls", "never"), ("starttls", "off"):
                continue
            case ("starttls", let value):
                throw SMTPSettingsError(reason: "has starttls=\(value); use starttls=required (or leave it out)")
            default:
                throw SMTPSettingsError(reason: "has an unknown option \(item.name); the only one is starttls=required")
            }
        }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.host = host
        self.port = port
        self.username = components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        self.password = components.password?.removingPercentEncoding
        self.security = security
        self.ehloName = path.isEmpty ? nil : path
    }

    /// The URL libcurl connects to: scheme, host, port and EHLO name, without credentials (they go separately).
    var curlURL: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed):\(port)/\(ehloName ?? "")"
    }

    /// The URL with the password hidden, for logs.
    public var redactedURL: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0):***@" } ?? ""
        return "\(scheme)://\(user)\(host):\(port)" + (security == .startTLSRequired ? "?starttls=required" : "")
    }
}

/// A malformed `SMTP_URL`.
public struct SMTPSettingsError: Error, Equatable, Sendable {
    /// Completes "the URL ...".
    public let reason: String
}
