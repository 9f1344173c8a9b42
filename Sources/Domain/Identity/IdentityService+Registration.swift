import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// Validates, then (one transaction) creates user + credentials + PERSONAL workspace named "<displayName>'s
    /// workspace" + OWNER membership + verification token + verification mail in the outbox + audit "auth.registered".
    /// If the e-mail is taken: no change except an "account exists" mail to that address; returns the same outcome (no
    /// existence oracle). Disposable domains refused.
    public func register(email: String, password: String, displayName: String, origin: ClientOrigin) async throws -> RegistrationOutcome {
        let email = try EmailAddress.validated(email)
        let displayName = try Self.validatedDisplayName(displayName)
        try checkPolicy(password, email: email, displayName: displayName)
        // Hashed whether or not the e-mail is taken, so both paths cost the same.
        let passwordHash = try await hashPassword(password)
        // Before the registration transaction, so it does not hold one connection while a refill waits for another.
        try await provisioner.refillRolePoolIfEmpty()
        do {
            return try await database.withControlTransaction { connection in
                if let (existing, _) = try await userWithCredential(email: email, on: connection) {
                    try await MailOutbox.enqueue(
                        IdentityMails.accountExists(to: existing.email, resetLink: settings.publicBaseURL + "/forgot-password"),
                        on: connection, logger: logger)
                    return RegistrationOutcome(message: RegistrationOutcome.message)
                }
                return try await createAccount(
                    email: email, passwordHash: passwordHash, displayName: displayName, origin: origin, on: connection)
            }
        } catch where databaseErrorCode(error) == "23505" {
            // Another registration of the same address committed in between: answer as for a taken e-mail.
            try await database.withControlTransaction { connection in
                try await MailOutbox.enqueue(
                    IdentityMails.accountExists(to: email, resetLink: settings.publicBaseURL + "/forgot-password"),
                    on: connection, logger: logger)
            }
            return RegistrationOutcome(message: RegistrationOutcome.message)
        }
    }

    private func createAccount(
        email: String, passwordHash: String, displayName: String, origin: ClientOrigin, on connection: PostgresConnection
    ) async throws -> RegistrationOutcome {
        let userID = UUID()
        try await connection.query(
            "INSERT INTO control.users (id, email, display_name) VALUES (\(userID), \(email), \(displayName))",
            logger: logger)
        try await connection.query(
            "INSERT INTO control.credentials (user_id, password_hash) VALUES (\(userID), \(passwordHash))", logger: logger)
        let workspace = try await provisioner.createWorkspace(kind: .personal, plan: "FREE", on: connection)
        let workspaceName = String("\(displayName)'s workspace".prefix(200))
        try await connection.query(
            "UPDATE control.workspaces SET name = \(workspaceName) WHERE id = \(workspace.id)", logger: logger)
        try await connection.query(
            "INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(workspace.id), \(userID), 'OWNER')",
            logger: logger)
        try await issueVerification(userID: userID, email: email, displayName: displayName, on: connection)
        try await AuditLog.record(
            AuditEvent(
                "auth.registered", actor: userID, origin: origin, workspace: workspace.id, targetType: "user",
                targetID: userID.uuidString.lowercased()),
            on: connection, logger: logger)
        return RegistrationOutcome(message: RegistrationOutcome.message, userID: userID, workspaceID: workspace.id)
    }

    /// A new verification token for the user and its mail, inside the caller's transaction.
    func issueVerification(userID: UUID, email: String, displayName: String, on connection: PostgresConnection) async throws {
        let token = OpaqueToken.generate()
        let expiresAt = Date().addingTimeInterval(settings.verificationTokenLifetime.timeInterval)
        try await connection.query(
            """
            INSERT INTO control.email_verification_tokens (token_hash, user_id, expires_at)
            VALUES (\(token.hash), \(userID), \(expiresAt))
            """,
            logger: logger)
        let hours = max(1, Int(settings.verificationTokenLifetime.components.seconds / 3600))
        try await MailOutbox.enqueue(
            IdentityMails.verifyEmail(
                to: email, displayName: displayName, link: link("verify-email", token: token.value), lifetimeHours: hours),
            on: connection, logger: logger)
    }

    /// The trimmed display name; 1 to 100 characters, no control characters.
    static func validatedDisplayName(_ raw: String) throws(IdentityError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .invalidDisplayName("Enter a name.") }
        guard name.count <= 100 else { throw .invalidDisplayName("The name is too long (at most 100 characters).") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidDisplayName("The name contains characters that are not allowed.")
        }
        return name
    }
}
