import Foundation
import Logging
import Persistence
import PostgresNIO

/// Accounts, categories, tags and transactions of a workspace. Every operation runs inside the workspace's own
/// PostgreSQL scope (its role and schema), takes the caller's proven `WorkspaceAccess`, and checks that the role may
/// write before it writes.
public struct LedgerService: Sendable {
    public let database: Database
    /// Exchange rates, for totals in the workspace's base currency.
    public let rates: FXRateStore
    let logger: Logger

    /// A service over `database`.
    public init(database: Database, logger: Logger) {
        self.database = database
        self.rates = FXRateStore(database: database, logger: logger)
        self.logger = logger
    }

    /// Runs a read in the workspace's scope.
    func read<Result: Sendable>(
        _ access: WorkspaceAccess, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await database.withWorkspaceTransaction(access.workspace.schema) { connection in try await body(connection) }
    }

    /// Runs a write in the workspace's scope, as one transaction, after checking the caller may write; the change
    /// history triggers see the caller as `budgetai.actor`.
    func write<Result: Sendable>(
        _ access: WorkspaceAccess, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        guard access.role.satisfies(.member) else { throw LedgerError.readOnly }
        return try await database.withWorkspaceTransaction(access.workspace.schema) { connection in
            try await connection.query("SELECT set_config('budgetai.actor', \(access.userID.uuidString), true)", logger: logger)
            return try await body(connection)
        }
    }

    /// The workspace's base currency: its `currency` setting, USD when unset.
    public func baseCurrency(_ access: WorkspaceAccess) async throws -> Currency {
        try await read(access) { connection in try await Self.baseCurrency(on: connection, logger: logger) }
    }

    /// The workspace's base currency (its `currency` setting; USD when unset), read inside an open scope.
    static func baseCurrency(on connection: PostgresConnection, logger: Logger) async throws -> Currency {
        let rows = try await connection.query("SELECT value FROM workspace_settings WHERE key = 'currency'", logger: logger)
        for try await code in rows.decode(String.self) { return Cells.storedCurrency(code) }
        return Self.defaultCurrency
    }

    /// The base currency of a workspace with no `currency` setting.
    public static let defaultCurrency = Currency(code: "USD")!
}

/// Decoding helpers shared by the ledger's queries.
enum Cells {
    /// A `date` column selected as `(column - DATE '1970-01-01')::int4`.
    static func day(_ cell: PostgresCell) throws -> CalendarDate {
        CalendarDate(dayNumber: Int(try cell.decode(Int32.self)))
    }

    /// A char(3) currency column.
    static func currency(_ cell: PostgresCell) throws -> Currency {
        storedCurrency(try cell.decode(String.self))
    }

    /// A currency code read from our tables; unknown codes (never written by us) fall back to the default currency.
    static func storedCurrency(_ code: String) -> Currency {
        Currency(code: code) ?? LedgerService.defaultCurrency
    }
}

extension CalendarDate {
    /// The SQL expression that selects a `date` column as a day number `Cells.day` decodes.
    static func dayNumberSQL(_ column: String) -> String { "(\(column) - DATE '1970-01-01')::int4" }
}

/// Text field limits and cleaning, shared by transactions, rules and imports.
enum TextField {
    /// Trims `value` and checks its length; the error names `field`.
    static func clean(_ value: String?, field: String, maximum: Int, required: Bool = false) throws -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty { throw LedgerError.badInput("\(field) must not be empty.", field: field) }
        guard text.count <= maximum else {
            throw LedgerError.badInput("\(field) has at most \(maximum) characters (got \(text.count)).", field: field)
        }
        return text
    }
}

extension Money {
    /// Parses a positive Decimal in `currency`, with an error naming `field` that says what is wrong.
    static func positive(_ text: String?, currency: Currency, field: String) throws -> Money {
        let money = try LedgerService.signedMoney(text ?? "", currency: currency, field: field)
        guard money.minorUnits > 0 else { throw LedgerError.badInput("\(field) must be greater than zero.", field: field) }
        return money
    }
}
