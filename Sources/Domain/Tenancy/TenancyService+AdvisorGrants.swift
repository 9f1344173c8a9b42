import Foundation
import Logging
import Persistence
import PostgresNIO

extension TenancyService {
    static let grantColumns = """
        id, advisor_workspace_id, client_workspace_id, access,
        CASE WHEN status = 'ACTIVE' AND expires_at IS NOT NULL AND expires_at <= now() THEN 'EXPIRED' ELSE status END,
        initiated_by, created_at, expires_at, responded_at, revoked_at
        """
    typealias GrantRow = (UUID, UUID, UUID, String, String, String, Date, Date?, Date?, Date?)

    /// A client workspace offers an advisor workspace access (needs ADMIN on the client); the advisor side accepts.
    public func offerAdvisorAccess(
        _ client: WorkspaceAccess, advisorWorkspaceID: UUID, access: AdvisorAccess, expiresAt: Date?, origin: ClientOrigin
    ) async throws -> AdvisorGrant {
        guard client.role.satisfies(.admin) else { throw TenancyError.forbidden("Granting advisor access needs the ADMIN role.") }
        return try await openGrant(
            advisor: advisorWorkspaceID, client: client.workspace.id, access: access, expiresAt: expiresAt,
            initiatedBy: .client, actor: client.userID, origin: origin, otherSideField: "advisorWorkspaceId")
    }

    /// An advisor workspace asks a client workspace for access (needs ADMIN on the advisor workspace); the client accepts.
    public func requestAdvisorAccess(
        _ advisor: WorkspaceAccess, clientWorkspaceID: UUID, access: AdvisorAccess, expiresAt: Date?, origin: ClientOrigin
    ) async throws -> AdvisorGrant {
        guard advisor.role.satisfies(.admin) else { throw TenancyError.forbidden("Requesting client access needs the ADMIN role.") }
        guard advisor.workspace.kind == .advisor else {
            throw TenancyError.badInput("Only an ADVISOR workspace can request access to clients.", field: "advisorWorkspaceId")
        }
        return try await openGrant(
            advisor: advisor.workspace.id, client: clientWorkspaceID, access: access, expiresAt: expiresAt,
            initiatedBy: .advisor, actor: advisor.userID, origin: origin, otherSideField: "clientWorkspaceId")
    }

    private func openGrant(
        advisor: UUID, client: UUID, access: AdvisorAccess, expiresAt: Date?, initiatedBy: AdvisorGrant.Initiator,
        actor: UUID, origin: ClientOrigin, otherSideField: String
    ) async throws -> AdvisorGrant {
        if let expiresAt, expiresAt <= Date() {
            throw TenancyError.badInput("The expiry must be in the future.", field: "expiresAt")
        }
        return try await database.withControlTransaction { connection in
            // The other side must exist with the right kind; a wrong id and a wrong kind answer alike.
            let kinds = try await connection.query(
                "SELECT id, kind FROM control.workspaces WHERE id = ANY(\([advisor, client]))", logger: logger)
            var kind: [UUID: String] = [:]
            for try await (id, k) in kinds.decode((UUID, String).self) { kind[id] = k }
            guard kind[advisor] == WorkspaceKind.advisor.rawValue, let clientKind = kind[client], clientKind != WorkspaceKind.advisor.rawValue else {
                throw TenancyError(.notFound, initiatedBy == .client
                    ? "No ADVISOR workspace with this id." : "No client workspace with this id.", field: otherSideField)
            }
            let open = try await connection.query(
                """
                SELECT 1 FROM control.advisor_grants
                WHERE advisor_workspace_id = \(advisor) AND client_workspace_id = \(client) AND status IN ('PENDING', 'ACTIVE')
                FOR UPDATE
                """, logger: logger)
            for try await _ in open {
                throw TenancyError(.conflict, "These workspaces already have a pending or active grant; revoke it first.", field: otherSideField)
            }
            let id = UUID()
            let rows = try await connection.query(
                """
                INSERT INTO control.advisor_grants (id, advisor_workspace_id, client_workspace_id, access, status, initiated_by, created_by, expires_at)
                VALUES (\(id), \(advisor), \(client), \(access.rawValue), 'PENDING', \(initiatedBy.rawValue), \(actor), \(expiresAt))
                RETURNING \(unescaped: Self.grantColumns)
                """, logger: logger)
            var grant: AdvisorGrant?
            for try await row in rows.decode(GrantRow.self) { grant = Self.grant(row) }
            guard let grant else { throw TenancyError(.internalError, "The grant was not stored.") }
            try await AuditLog.record(
                AuditEvent(initiatedBy == .client ? "advisor.access_offered" : "advisor.access_requested", actor: actor, origin: origin,
                           workspace: initiatedBy == .client ? client : advisor, targetType: "advisor_grant", targetID: id.uuidString.lowercased(),
                           details: ["access": access.rawValue, "advisor_workspace": advisor.uuidString.lowercased(), "client_workspace": client.uuidString.lowercased()]),
                on: connection, logger: logger)
            return grant
        }
    }

    /// Accepts or declines a pending grant; only an ADMIN of the side that did not open it may answer.
    public func respondToGrant(grantID: UUID, accept: Bool, userID: UUID, origin: ClientOrigin) async throws -> AdvisorGrant {
        try await database.withControlTransaction { connection in
            guard let grant = try await lockedGrant(grantID, on: connection) else { throw TenancyError.grantNotFound }
            let answeringSide = grant.initiatedBy == .client ? grant.advisorWorkspaceID : grant.clientWorkspaceID
            let accesses = try await accesses(userID: userID, workspaceIDs: [grant.advisorWorkspaceID, grant.clientWorkspaceID], on: connection)
            guard accesses[grant.advisorWorkspaceID]?.role.satisfies(.admin) == true || accesses[grant.clientWorkspaceID]?.role.satisfies(.admin) == true else {
                throw TenancyError.grantNotFound
            }
            guard accesses[answeringSide]?.role.satisfies(.admin) == true else {
                throw TenancyError.forbidden("The other workspace answers this grant; you opened it.")
            }
            guard grant.status == .pending else {
                throw TenancyError(.conflict, "This grant is \(grant.status.rawValue), not PENDING.", field: "grantId")
            }
            let status = accept ? "ACTIVE" : "DECLINED"
            let rows = try await connection.query(
                """
                UPDATE control.advisor_grants SET status = \(status), responded_at = now(), responded_by = \(userID)
                WHERE id = \(grantID) RETURNING \(unescaped: Self.grantColumns)
                """, logger: logger)
            var updated: AdvisorGrant?
            for try await row in rows.decode(GrantRow.self) { updated = Self.grant(row) }
            try await AuditLog.record(
                AuditEvent(accept ? "advisor.access_granted" : "advisor.access_declined", actor: userID, origin: origin,
                           workspace: answeringSide, targetType: "advisor_grant", targetID: grantID.uuidString.lowercased(),
                           details: ["access": grant.access.rawValue]),
                on: connection, logger: logger)
            guard let updated else { throw TenancyError.grantNotFound }
            return updated
        }
    }

    /// Ends a pending or active grant at once; an ADMIN of either side may.
    public func revokeGrant(grantID: UUID, userID: UUID, origin: ClientOrigin) async throws -> AdvisorGrant {
        try await database.withControlTransaction { connection in
            guard let grant = try await lockedGrant(grantID, on: connection) else { throw TenancyError.grantNotFound }
            let accesses = try await accesses(userID: userID, workspaceIDs: [grant.advisorWorkspaceID, grant.clientWorkspaceID], on: connection)
            // Advisors reach the client through this very grant; only memberships of either side count here.
            let side = [grant.advisorWorkspaceID, grant.clientWorkspaceID].first { id in
                accesses[id].map { !$0.role.isAdvisor && $0.role.satisfies(.admin) } == true
            }
            guard let side else { throw TenancyError.grantNotFound }
            guard grant.status == .pending || grant.status == .active else {
                throw TenancyError(.conflict, "This grant is already \(grant.status.rawValue).", field: "grantId")
            }
            let rows = try await connection.query(
                """
                UPDATE control.advisor_grants SET status = 'REVOKED', revoked_at = now(), revoked_by = \(userID)
                WHERE id = \(grantID) RETURNING \(unescaped: Self.grantColumns)
                """, logger: logger)
            var updated: AdvisorGrant?
            for try await row in rows.decode(GrantRow.self) { updated = Self.grant(row) }
            try await AuditLog.record(
                AuditEvent("advisor.access_revoked", actor: userID, origin: origin, workspace: side,
                           targetType: "advisor_grant", targetID: grantID.uuidString.lowercased()),
                on: connection, logger: logger)
            guard let updated else { throw TenancyError.grantNotFound }
            return updated
        }
    }

    /// Grants where the workspace is the advisor (its clients) or the client (its advisors), newest first.
    public func grants(workspaceID: UUID, asAdvisor: Bool) async throws -> [AdvisorGrant] {
        let column = asAdvisor ? "advisor_workspace_id" : "client_workspace_id"
        let rows = try await database.client.query(
            "SELECT \(unescaped: Self.grantColumns) FROM control.advisor_grants WHERE \(unescaped: column) = \(workspaceID) ORDER BY created_at DESC",
            logger: logger)
        var result: [AdvisorGrant] = []
        for try await row in rows.decode(GrantRow.self) { if let grant = Self.grant(row) { result.append(grant) } }
        return result
    }

    private func lockedGrant(_ id: UUID, on connection: PostgresConnection) async throws -> AdvisorGrant? {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.grantColumns) FROM control.advisor_grants WHERE id = \(id) FOR UPDATE", logger: logger)
        var grant: AdvisorGrant?
        for try await row in rows.decode(GrantRow.self) { grant = Self.grant(row) }
        return grant
    }

    static func grant(_ row: GrantRow) -> AdvisorGrant? {
        guard let access = AdvisorAccess(rawValue: row.3), let status = AdvisorGrant.Status(rawValue: row.4),
            let initiator = AdvisorGrant.Initiator(rawValue: row.5)
        else { return nil }
        return AdvisorGrant(
            id: row.0, advisorWorkspaceID: row.1, clientWorkspaceID: row.2, access: access, status: status,
            initiatedBy: initiator, createdAt: row.6, expiresAt: row.7, respondedAt: row.8, revokedAt: row.9)
    }
}
