import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT, rolling back and rethrowing `body`'s own error when it throws.
    ///
    /// PostgresNIO's `withTransaction` wraps errors in `PostgresTransactionError`; callers here want the original
    /// (typed) error, so this helper keeps it.
    @discardableResult
    public func inTransaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try await self.query("BEGIN", logger: logger)
        let value: Result
        do {
            value = try await body(self)
        } catch {
            // A failed rollback means the connection is broken; the pool discards it, the original error matters more.
            _ = try? await self.query("ROLLBACK", logger: logger)
            throw error
        }
        try await self.query("COMMIT", logger: logger)
        return value
    }

    /// Runs a script of several SQL statements in one round trip.
    ///
    /// PostgresNIO speaks only the extended protocol, which takes one statement per query, so the script goes through
    /// PL/pgSQL's `EXECUTE` inside a `DO` block, dollar-quoted with a tag the script does not contain.
    public func executeScript(_ script: String, logger: Logger) async throws {
        try await self.query(PostgresQuery(unsafeSQL: SQLText.doBlock(executing: [script])), logger: logger)
    }
}
