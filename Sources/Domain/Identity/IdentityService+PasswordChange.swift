import Foundation
import Logging
import Persistence
import PostgresNIO

extension IdentityService {
    /// Changes the password of a signed-in user who knows the current one; mails a notice. Sessions stay open.
    public func changePassword(userID: UUID, currentPassword: String, newPassword: String, origin: ClientOrigin) async throws {
        let found = try await database.withControlTransaction { connection in
            try await userWithCredential(id: userID, on: connection)
        }
        guard let (user, storedHash) = found, user.disabledAt == nil else { throw IdentityError.invalidToken }
        guard await verifyPassword(currentPassword, against: storedHash) else { throw IdentityError.wrongCurrentPassword }
        try checkPolicy(newPassword, email: user.email, displayName: user.displayName, field: "newPassword")
        let passwordHash = try await hashPassword(newPassword)
        try await database.withControlTransaction { connection in
            try await storePasswordHash(passwordHash, userID: userID, on: connection)
            try await MailOutbox.enqueue(
                IdentityMails.passwordChanged(
                    to: user.email, displayName: user.displayName, resetLink: settings.publicBaseURL + "/forgot-password"),
                on: connection, logger: logger)
            try await AuditLog.record(
                AuditEvent("auth.password_changed", actor: userID, origin: origin, targetType: "user", targetID: userID.uuidString.lowercased()),
                on: connection, logger: logger)
        }
    }
}
