import PostgresNIO

/// A readable one-line account of a PostgreSQL error: PSQLError's own description hides the server's message.
public func describeDatabaseError(_ error: any Error) -> String {
    if let psql = error as? PSQLError {
        if let info = psql.serverInfo, let message = info[.message] {
            let code = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + code
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            return "cannot reach PostgreSQL (\(psql.code))" + (psql.underlying.map { ": \($0)" } ?? "")
        default:
            return "PostgreSQL client error \(psql.code)" + (psql.underlying.map { ": \($0)" } ?? "")
        }
    }
    return String(describing: error)
}

/// The SQLSTATE of a server error, if `error` is one.
public func databaseErrorCode(_ error: any Error) -> String? {
    (error as? PSQLError)?.serverInfo?[.sqlState]
}
