import Foundation
import PostgresNIO
import XCTest
@testable import Persistence

/// `sslmode` and `sslrootcert` in DATABASE_URL, against the local cluster (TLS on, its certificate signed by a CA of
/// its own, made by scripts/stack.sh).
final class DatabaseTLSTests: XCTestCase {
    /// The local cluster's CA: TEST_PG_CA_FILE (scripts/test.sh sets it), else where scripts/stack.sh puts it.
    static let caFile = ProcessInfo.processInfo.environment["TEST_PG_CA_FILE"]
        ?? TestDatabase.repositoryMigrations.deletingLastPathComponent().appendingPathComponent(".local/pg/tls/ca.crt").path

    /// The test database's URL with another host and a query.
    private static func url(host: String = "127.0.0.1", _ query: String) throws -> String {
        var components = try XCTUnwrap(URLComponents(string: TestDatabase.url))
        components.host = host
        components.percentEncodedQuery = query.isEmpty ? nil : query
        return try XCTUnwrap(components.string)
    }

    /// Whether the session `settings` open runs over TLS, as the server sees it.
    private static func serverSeesTLS(_ settings: DatabaseSettings) async throws -> Bool {
        try await Database.withRunning(settings: settings, logger: TestDatabase.logger) { database in
            let rows = try await database.client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: TestDatabase.logger)
            var ssl: Bool?
            for try await value in rows.decode(Bool.self) { ssl = value }
            return try XCTUnwrap(ssl)
        }
    }

    func testTheURLNamesTheMode() throws {
        XCTAssertEqual(try DatabaseSettings(url: "postgres://u@h/d").tls, .disable)
        XCTAssertEqual(try DatabaseSettings(url: "postgres://u@h/d?sslmode=disable").tls, .disable)
        XCTAssertEqual(try DatabaseSettings(url: "postgres://u@h/d?sslmode=prefer").tls, .prefer)
        XCTAssertEqual(try DatabaseSettings(url: "postgres://u@h/d?sslmode=require").tls, .require)
        XCTAssertEqual(try DatabaseSettings(url: "postgres://u@h/d?sslmode=verify-ca").tls, .verifyCA(rootCertificate: nil))
        let full = try DatabaseSettings(url: "postgres://u:secret@h/d?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        XCTAssertEqual(full.tls, .verifyFull(rootCertificate: "/etc/ca.pem"))
        XCTAssertEqual(full.redactedURL, "postgres://u:***@h:5432/d?sslmode=verify-full&sslrootcert=/etc/ca.pem")

        let refused = [
            ("postgres://u@h/d?sslmode=allow", "asks for sslmode=allow, which is not supported; use prefer, require, verify-ca or verify-full"),
            ("postgres://u@h/d?sslmode=on", "has sslmode=on; use disable, prefer, require, verify-ca or verify-full"),
            ("postgres://u@h/d?sslmode=require&sslrootcert=/ca.pem", "has sslrootcert, which only sslmode=verify-ca or verify-full reads"),
            ("postgres://u@h/d?sslmode=verify-full&sslrootcert=", "has an empty sslrootcert; give the path of a PEM file"),
            ("postgres://u@h/d?connect_timeout=5", "has the parameter connect_timeout, but only sslmode and sslrootcert are understood"),
        ]
        for (url, reason) in refused {
            XCTAssertThrowsError(try DatabaseSettings(url: url), url) { error in
                XCTAssertEqual((error as? DatabaseURLError)?.reason, reason)
            }
        }
    }

    func testEachModeConnectsAsItSays() async throws {
        XCTAssertTrue(FileManager.default.fileExists(atPath: Self.caFile), "no CA at \(Self.caFile): start the stack with scripts/stack.sh start")
        let cases: [(String, String, Bool)] = [
            ("127.0.0.1", "", false),
            ("127.0.0.1", "sslmode=disable", false),
            ("127.0.0.1", "sslmode=prefer", true),
            ("127.0.0.1", "sslmode=require", true),
            ("127.0.0.1", "sslmode=verify-ca&sslrootcert=\(Self.caFile)", true),
            ("localhost", "sslmode=verify-full&sslrootcert=\(Self.caFile)", true),
        ]
        for (host, query, expected) in cases {
            let settings = try DatabaseSettings(url: try Self.url(host: host, query))
            let tls = try await Self.serverSeesTLS(settings)
            XCTAssertEqual(tls, expected, "\(host) \(query)")
        }
    }

    func testACertificateNoTrustedRootSignedIsRefused() async throws {
        // The system's roots do not include the local cluster's CA. The pool keeps retrying a connection it cannot
        // make (for about a minute), so the check is that no query gets through within a few seconds, where a
        // connection that skipped verification answers at once (the cases above).
        let settings = try DatabaseSettings(url: try Self.url(host: "localhost", "sslmode=verify-full"))
        let connected = await withTaskGroup(of: Bool?.self) { group in
            group.addTask { (try? await Self.serverSeesTLS(settings)) != nil }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        XCTAssertNotEqual(connected, true, "connected although no trusted root signed the server's certificate")
    }
}
