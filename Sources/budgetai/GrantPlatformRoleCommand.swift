import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import PostgresNIO

/// `budgetai grant-platform-role`: give an existing account a platform role; how the first ADMIN comes to be.
struct GrantPlatformRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant-platform-role",
        abstract: "Set an existing account's platform role (USER, SUPPORT or ADMIN); audited as an operator action."
    )

    @Argument(help: "The account's e-mail address.")
    var email: String

    @Option(help: "USER, SUPPORT or ADMIN.")
    var role: String = "ADMIN"

    func run() async throws {
        guard let platformRole = PlatformRole(rawValue: role.uppercased()) else {
            throw ValidationError("--role must be USER, SUPPORT or ADMIN, not \(role)")
        }
        let (configuration, logger) = try startUp(label: "budgetai.admin")
        let outcome: Result<String, ExitCode> = try await Database.withRunning(settings: configuration.database, logger: logger) { database in
            do {
                let changed: UUID? = try await database.withControlTransaction { connection in
                    let rows = try await connection.query(
                        """
                        UPDATE control.users SET platform_role = \(platformRole.rawValue), updated_at = now()
                        WHERE lower(email) = lower(\(email)) RETURNING id
                        """, logger: logger)
                    var id: UUID?
                    for try await value in rows.decode(UUID.self) { id = value }
                    guard let id else { return nil }
                    try await AuditLog.record(
                        AuditEvent("admin.platform_role_granted", origin: ClientOrigin(address: "cli"), targetType: "user",
                                   targetID: id.uuidString.lowercased(), details: ["role": platformRole.rawValue, "by": "budgetai grant-platform-role"]),
                        on: connection, logger: logger)
                    return id
                }
                guard let changed else { return .failure(fail(ValidationError("no account with the e-mail \(email)"))) }
                return .success("\(email) (\(changed.uuidString.lowercased())) now has the platform role \(platformRole.rawValue)")
            } catch {
                return .failure(fail(error))
            }
        }
        switch outcome {
        case .success(let line): print(line)
        case .failure(let exit): throw exit
        }
    }
}
