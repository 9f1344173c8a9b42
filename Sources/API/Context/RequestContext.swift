import Domain
import Foundation
import GraphQLEngine
import Synchronization

/// What one GraphQL request knows about its caller, handed to every resolver and guard. The user and each workspace
/// access are looked up once per request, however many fields ask.
public final class RequestContext: Sendable {
    public let services: APIServices
    /// The verified access-token claims; nil for an anonymous request.
    public let claims: AccessClaims?
    public let origin: ClientOrigin
    private let cache = Mutex(Cache())

    private struct Cache {
        var user: Task<User?, any Error>?
        var accesses: [UUID: Task<WorkspaceAccess?, any Error>] = [:]
    }

    /// A context for a caller with `claims` (nil when anonymous).
    public init(services: APIServices, claims: AccessClaims?, origin: ClientOrigin) {
        self.services = services
        self.claims = claims
        self.origin = origin
    }

    /// The signed-in user, loaded once; nil when anonymous, when the account no longer exists, or when the token's
    /// session has ended (logged out, revoked), even if the token itself has not expired yet.
    public func currentUser() async throws -> User? {
        guard let claims else { return nil }
        let identity = services.identity
        let task = cache.withLock { cache in
            if let task = cache.user { return task }
            let task = Task { try await identity.user(for: claims) }
            cache.user = task
            return task
        }
        return try await task.value
    }

    /// The signed-in, enabled user, or UNAUTHENTICATED.
    public func requireUser() async throws -> User {
        guard let user = try await currentUser() else { throw APIError.unauthenticated }
        guard user.disabledAt == nil else { throw APIError.accountDisabled }
        return user
    }

    /// The caller's access to a workspace, looked up once per request; nil when there is none (or no such workspace).
    /// An access through an advisor grant is written to the audit log the first time a request uses it, and the
    /// workspace's owners are notified (once per grant and day).
    public func access(to workspaceID: UUID) async throws -> WorkspaceAccess? {
        let user = try await requireUser()
        let tenancy = services.tenancy
        let notifications = services.notifications
        let origin = self.origin
        let task = cache.withLock { cache in
            if let task = cache.accesses[workspaceID] { return task }
            let task = Task { () async throws -> WorkspaceAccess? in
                guard let access = try await tenancy.access(userID: user.id, workspaceID: workspaceID) else { return nil }
                if access.grantID != nil {
                    try await tenancy.recordAdvisorAccess(access, origin: origin)
                    await notifications.advisorAccessUsed(access)
                }
                return access
            }
            cache.accesses[workspaceID] = task
            return task
        }
        return try await task.value
    }

    /// The caller's access to the workspace named by an id argument, or NOT_FOUND (unknown and forbidden alike).
    public func requireAccess(toWorkspace id: String?, argument: String = "workspaceId") async throws -> WorkspaceAccess {
        guard let id, let uuid = UUID(uuidString: id), let access = try await access(to: uuid) else {
            throw APIError.workspaceNotFound(argument: argument)
        }
        return access
    }
}
