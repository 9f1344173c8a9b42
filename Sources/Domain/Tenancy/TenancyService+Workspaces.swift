import Foundation
import Logging
import Persistence
import PostgresNIO

extension TenancyService {
    /// Checks a workspace name: trimmed, 1 to 100 characters, no control characters.
    public static func validatedName(_ name: String) throws(TenancyError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count) else {
            throw .badInput("A workspace name needs 1 to 100 characters.", field: "name")
        }
        guard !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw .badInput("A workspace name cannot contain control characters.", field: "name")
        }
        return trimmed
    }

    /// Creates a BUSINESS or ADVISOR workspace with the creator as its OWNER, in one transaction. Needs business status
    /// (granted by a platform admin) or the platform ADMIN role.
    public func createWorkspace(creator: User, name: String, kind: WorkspaceKind, origin: ClientOrigin) async throws -> WorkspaceInfo {
        let name = try Self.validatedName(name)
        guard kind != .personal else {
            throw TenancyError.badInput("Every account has exactly one PERSONAL workspace; create a BUSINESS or ADVISOR one.", field: "kind")
        }
        guard creator.isBusiness || creator.platformRole == .admin else {
            throw TenancyError.forbidden("Creating \(kind.rawValue) workspaces needs a business account; ask support to enable it.")
        }
        // Before the transaction, so it does not hold one connection while a refill waits for another.
        try await provisioner.refillRolePoolIfEmpty()
        return try await database.withControlTransaction { connection in
            let workspace = try await provisioner.createWorkspace(kind: kind, plan: "FREE", on: connection)
            try await connection.query(
                "UPDATE control.workspaces SET name = \(name) WHERE id = \(workspace.id)", logger: logger)
            try await connection.query(
                "INSERT INTO control.memberships (workspace_id, user_id, role) VALUES (\(workspace.id), \(creator.id), 'OWNER')",
                logger: logger)
            try await AuditLog.record(
                AuditEvent("workspace.created", actor: creator.id, origin: origin, workspace: workspace.id,
                           targetType: "workspace", targetID: workspace.id.uuidString.lowercased(), details: ["kind": kind.rawValue]),
                on: connection, logger: logger)
            return WorkspaceInfo(id: workspace.id, kind: kind, name: name, plan: workspace.plan, schema: workspace.schema, createdAt: workspace.createdAt)
        }
    }

    /// Renames a workspace; needs ADMIN.
    public func renameWorkspace(_ access: WorkspaceAccess, to name: String, origin: ClientOrigin) async throws -> WorkspaceInfo {
        guard access.role.satisfies(.admin) else { throw TenancyError.forbidden("Renaming a workspace needs the ADMIN role.") }
        let name = try Self.validatedName(name)
        try await database.withControlTransaction { connection in
            try await connection.query("UPDATE control.workspaces SET name = \(name) WHERE id = \(access.workspace.id)", logger: logger)
            try await AuditLog.record(
                AuditEvent("workspace.renamed", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "workspace", targetID: access.workspace.id.uuidString.lowercased(), details: ["name": name]),
                on: connection, logger: logger)
        }
        let w = access.workspace
        return WorkspaceInfo(id: w.id, kind: w.kind, name: name, plan: w.plan, schema: w.schema, createdAt: w.createdAt)
    }

    /// Deletes a BUSINESS or ADVISOR workspace with all its data; needs OWNER. A PERSONAL workspace goes with its account.
    public func deleteWorkspace(_ access: WorkspaceAccess, origin: ClientOrigin) async throws {
        guard access.role == .owner else { throw TenancyError.forbidden("Deleting a workspace needs the OWNER role.") }
        guard access.workspace.kind != .personal else {
            throw TenancyError.badInput("A PERSONAL workspace cannot be deleted on its own.", field: "workspaceId")
        }
        try await database.withControlTransaction { connection in
            try await AuditLog.record(
                AuditEvent("workspace.deleted", actor: access.userID, origin: origin, workspace: access.workspace.id,
                           targetType: "workspace", targetID: access.workspace.id.uuidString.lowercased(), details: ["name": access.workspace.name]),
                on: connection, logger: logger)
        }
        try await provisioner.dropWorkspace(id: access.workspace.id)
    }
}
