import Foundation
import Logging
import Persistence
import PostgresNIO
import Synchronization

/// Workspace plans for sizing rate-limit buckets, read from `control.workspaces` and kept for a minute, so a plan
/// change applies within a minute and a busy workspace costs one lookup a minute, not one per request.
public final class WorkspacePlanCache: Sendable {
    private let database: Database
    private let lifetime: Duration
    private let entries = Mutex<[UUID: (plan: String?, expires: ContinuousClock.Instant)]>([:])

    /// A cache over `database`.
    public init(database: Database, lifetime: Duration = .seconds(60)) {
        self.database = database
        self.lifetime = lifetime
    }

    /// The plan of each id that names a workspace (unknown ids are left out); one query for all the misses.
    public func plans(of ids: [UUID], logger: Logger) async -> [UUID: String] {
        let now = ContinuousClock.now
        var known: [UUID: String] = [:]
        var missing: [UUID] = []
        entries.withLock { entries in
            for id in ids {
                if let entry = entries[id], entry.expires > now {
                    if let plan = entry.plan { known[id] = plan }
                } else {
                    missing.append(id)
                }
            }
        }
        guard !missing.isEmpty else { return known }
        var loaded: [UUID: String] = [:]
        do {
            let rows = try await database.client.query(
                "SELECT id, plan FROM control.workspaces WHERE id = ANY(\(missing))", logger: logger)
            for try await (id, plan) in rows.decode((UUID, String).self) { loaded[id] = plan }
        } catch {
            // Without the plan, the default plan's bucket applies; the request itself will report a database failure.
            logger.warning("cannot read workspace plans for rate limits", metadata: ["error": "\(String(reflecting: error))"])
            return known
        }
        entries.withLock { entries in
            if entries.count > 50_000 { entries.removeAll(keepingCapacity: true) }
            for id in missing { entries[id] = (loaded[id], now + lifetime) }
        }
        return known.merging(loaded) { first, _ in first }
    }
}
