import Foundation
import Persistence

/// `tenancy.warm_pool`: keeps `target` pooled workspaces with their schema built and migrated, so creating a workspace
/// (a sign-up, a new business workspace) moves one row instead of running its DDL. `WORKSPACE_POOL_SIZE` sets the
/// target; 0 turns warming off (creation then builds the schema in the request, as it always can).
public struct WarmWorkspacePoolJob: JobHandler {
    public typealias Payload = NoPayload

    public static let kind = "tenancy.warm_pool"
    public var kind: String { Self.kind }
    public let provisioner: WorkspaceProvisioner
    public let target: Int

    /// A handler warming `provisioner`'s pool up to `target` entries.
    public init(provisioner: WorkspaceProvisioner, target: Int) {
        self.provisioner = provisioner
        self.target = max(0, target)
    }

    /// Builds what the pool lacks; the count goes to the log.
    public func run(_ payload: NoPayload, context: JobContext) async throws {
        let built = try await provisioner.warmPool(target: target)
        if built > 0 { context.logger.info("warmed workspace pool", metadata: ["schemas": "\(built)", "target": "\(target)"]) }
    }
}
