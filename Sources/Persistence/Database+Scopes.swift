import Logging
import PostgresNIO

extension Database {
    /// Runs `body` in a control-plane transaction, as the application's own role.
    @discardableResult
    public func withControlTransaction<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                try await body(connection)
            }
        }
    }

    /// Runs `body` in a transaction confined to one workspace: PostgreSQL itself refuses any table outside it.
    @discardableResult
    public func withWorkspaceTransaction<Result>(
        _ workspace: WorkspaceSchemaName,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try await client.withConnection { connection in
            try await connection.inTransaction(logger: logger) { connection in
                try await connection.enterWorkspace(workspace, logger: logger)
                return try await body(connection)
            }
        }
    }
}

extension PostgresConnection {
    /// Switches the current transaction to the workspace's role and schema, until the transaction ends.
    ///
    /// `set_config(name, value, true)` is `SET LOCAL` as a function: both settings in one round trip, with bound values
    /// instead of identifiers spliced into SQL.
    public func enterWorkspace(_ workspace: WorkspaceSchemaName, logger: Logger) async throws {
        let name = workspace.rawValue
        try await self.query(
            "SELECT set_config('role', \(name), true), set_config('search_path', \(workspace.quoted), true)",
            logger: logger
        )
    }
}
