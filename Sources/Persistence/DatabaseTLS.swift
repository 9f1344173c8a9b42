import Foundation
import PostgresNIO

/// TLS to PostgreSQL, named after libpq's `sslmode` values so a `DATABASE_URL` means what it means to psql.
/// `rootCertificate` is a PEM file of the certificates to trust (`sslrootcert`); nil trusts the system's roots.
public enum DatabaseTLS: Sendable, Equatable {
    /// Plain TCP.
    case disable
    /// TLS when the server offers it, else plain; the certificate is not checked.
    case prefer
    /// TLS or no connection; the certificate is not checked (encryption against eavesdroppers, not impostors).
    case require
    /// TLS with a certificate that chains to a trusted root; any host name.
    case verifyCA(rootCertificate: String?)
    /// TLS with a trusted certificate issued for the host connected to.
    case verifyFull(rootCertificate: String?)

    /// Reads `sslmode` and `sslrootcert` from a URL's query; other parameters are refused, so a typo is not ignored.
    init(queryItems: [URLQueryItem]) throws(DatabaseURLError) {
        var mode = "disable"
        var rootCertificate: String?
        for item in queryItems {
            switch item.name {
            case "sslmode": mode = item.value ?? ""
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw DatabaseURLError("has an empty sslrootcert; give the path of a PEM file") }
                rootCertificate = path
            default:
                throw DatabaseURLError("has the parameter \(item.name), but only sslmode and sslrootcert are understood")
            }
        }
        switch mode {
        case "disable": self = .disable
        case "prefer": self = .prefer
        case "require": self = .require
        case "verify-ca": self = .verifyCA(rootCertificate: rootCertificate)
        case "verify-full": self = .verifyFull(rootCertificate: rootCertificate)
        case "allow":
            throw DatabaseURLError("asks for sslmode=allow, which is not supported; use prefer, require, verify-ca or verify-full")
        default:
            throw DatabaseURLError("has sslmode=\(mode); use disable, prefer, require, verify-ca or verify-full")
        }
        if rootCertificate != nil, !isVerifying {
            throw DatabaseURLError("has sslrootcert, which only sslmode=verify-ca or verify-full reads")
        }
    }

    /// Whether the server's certificate is checked.
    var isVerifying: Bool {
        switch self {
        case .verifyCA, .verifyFull: true
        case .disable, .prefer, .require: false
        }
    }

    /// `?sslmode=...` as parsed (empty for disable), for printing the URL.
    var urlQuery: String {
        switch self {
        case .disable: ""
        case .prefer: "?sslmode=prefer"
        case .require: "?sslmode=require"
        case .verifyCA(let root): "?sslmode=verify-ca" + (root.map { "&sslrootcert=\($0)" } ?? "")
        case .verifyFull(let root): "?sslmode=verify-full" + (root.map { "&sslrootcert=\($0)" } ?? "")
        }
    }

    /// The PostgresNIO setting for this mode.
    var clientTLS: PostgresClient.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch self {
        case .disable:
            return .disable
        case .prefer:
            configuration.certificateVerification = .none
            return .prefer(configuration)
        case .require:
            configuration.certificateVerification = .none
            return .require(configuration)
        case .verifyCA(let root):
            configuration.certificateVerification = .noHostnameVerification
            if let root { configuration.trustRoots = .file(root) }
            return .require(configuration)
        case .verifyFull(let root):
            configuration.certificateVerification = .fullVerification
            if let root { configuration.trustRoots = .file(root) }
            return .require(configuration)
        }
    }
}
