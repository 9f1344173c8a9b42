import Domain
import Foundation
import GraphQLEngine

/// Batch loaders: every reference of one execution level becomes one SQL statement.
enum Loaders {
    static let users = LoaderDefinition<UUID, User>(name: "users") { ids, context in
        try await (context as! RequestContext).services.identity.users(ids: ids)
    }

    static let workspaces = LoaderDefinition<UUID, WorkspaceInfo>(name: "workspaces") { ids, context in
        try await (context as! RequestContext).services.tenancy.workspaces(ids: ids)
    }

    /// The caller's own access to workspaces (no advisor-access audit: this only decides what to name).
    static let accesses = LoaderDefinition<UUID, WorkspaceAccess>(name: "accesses") { ids, context in
        let request = context as! RequestContext
        guard let user = try await request.currentUser() else { return [:] }
        return try await request.services.tenancy.accesses(userID: user.id, workspaceIDs: ids)
    }
}

extension FieldInput {
    /// A user by id through the request's batch loader.
    func loadUser(_ id: UUID?) async throws -> Resolved {
        guard let id, let user = try await info.loaders.load(Loaders.users, id) else { return .null }
        return .object(user)
    }

    /// A workspace summary by id through the request's batch loader.
    func loadWorkspace(_ id: UUID, disclosed: Bool) async throws -> Resolved {
        guard let workspace = try await info.loaders.load(Loaders.workspaces, id) else { return .null }
        return .object(SummaryNode(workspace: workspace, disclosed: disclosed))
    }
}
