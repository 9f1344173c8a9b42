import Foundation
import Logging
import Persistence
import PostgresNIO

/// `maintenance.cleanup`: deletes what has outlived its use in the control schema: sessions (with their refresh
/// tokens) that expired or were revoked long ago, refresh tokens past their expiry, used or expired verification and
/// reset tokens, old login attempts, sent or given-up mail (its links carry tokens), and finished jobs. Deletes in
/// batches so no statement holds many locks for long.
public struct CleanupJob: JobHandler {
    public typealias Payload = NoPayload

    /// How long each kind of row is kept after it stops mattering.
    public struct Retention: Sendable, Equatable {
        /// Expired or revoked sessions (the user's session list, investigations).
        public var sessions: Duration = .seconds(30 * 86_400)
        /// Refresh, verification and reset tokens after they expire or are used.
        public var tokens: Duration = .seconds(86_400)
        public var loginAttempts: Duration = .seconds(90 * 86_400)
        /// Sent mail, and mail given up.
        public var mail: Duration = .seconds(30 * 86_400)
        public var succeededJobs: Duration = .seconds(7 * 86_400)
        public var deadJobs: Duration = .seconds(30 * 86_400)

        /// The defaults above.
        public init() {}
    }

    public static let kind = "maintenance.cleanup"
    public var kind: String { Self.kind }
    public let database: Database
    public let retention: Retention
    /// Rows per DELETE.
    let batchSize = 5_000

    /// A clean-up of `database` keeping rows for `retention`.
    public init(database: Database, retention: Retention = Retention()) {
        self.database = database
        self.retention = retention
    }

    /// Deletes, table by table; the counts go to the log.
    public func run(_ payload: NoPayload, context: JobContext) async throws {
        let deleted = try await clean(logger: context.logger, shouldStop: { context.shouldStop })
        context.logger.info("cleaned up", metadata: deleted.mapValues { Logger.MetadataValue.string(String($0)) })
    }

    /// Runs every deletion; rows deleted per table.
    public func clean(now: Date = Date(), logger: Logger, shouldStop: () -> Bool = { false }) async throws -> [String: Int] {
        func before(_ age: Duration) -> Date { now.addingTimeInterval(-Double(age.components.seconds)) }
        let sessions = before(retention.sessions), tokens = before(retention.tokens)
        let steps: [(String, PostgresQuery)] = [
            ("sessions", """
                SELECT ctid FROM control.sessions
                WHERE expires_at < \(sessions) OR revoked_at < \(sessions) LIMIT \(batchSize)
                """),
            ("refresh_tokens", "SELECT ctid FROM control.refresh_tokens WHERE expires_at < \(tokens) LIMIT \(batchSize)"),
            ("email_verification_tokens", """
                SELECT ctid FROM control.email_verification_tokens
                WHERE expires_at < \(tokens) OR used_at < \(tokens) LIMIT \(batchSize)
                """),
            ("password_reset_tokens", """
                SELECT ctid FROM control.password_reset_tokens
                WHERE expires_at < \(tokens) OR used_at < \(tokens) LIMIT \(batchSize)
                """),
            ("login_attempts", "SELECT ctid FROM control.login_attempts WHERE at < \(before(retention.loginAttempts)) LIMIT \(batchSize)"),
            ("mail_outbox", """
                SELECT ctid FROM control.mail_outbox
                WHERE sent_at < \(before(retention.mail)) OR failed_at < \(before(retention.mail)) LIMIT \(batchSize)
                """),
            ("jobs", """
                SELECT ctid FROM control.jobs
                WHERE (state = 'succeeded' AND finished_at < \(before(retention.succeededJobs)))
                   OR (state = 'dead' AND finished_at < \(before(retention.deadJobs)))
                LIMIT \(batchSize)
                """),
        ]
        var deleted: [String: Int] = [:]
        for (table, selection) in steps {
            var total = 0
            while !shouldStop() {
                // `table` is one of the names above, never input.
                let delete = PostgresQuery(
                    unsafeSQL: "DELETE FROM control.\(table) WHERE ctid = ANY(ARRAY(\(selection.sql))) RETURNING 1", binds: selection.binds)
                var count = 0
                for try await _ in try await database.client.query(delete, logger: logger) { count += 1 }
                total += count
                if count < batchSize { break }
            }
            deleted[table] = total
        }
        return deleted
    }
}
