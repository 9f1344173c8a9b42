import Foundation
import PostgresNIO

extension LedgerService {
    static let accountColumns =
        "a.id, a.name, a.kind, a.currency, a.opening_balance, \(CalendarDate.dayNumberSQL("a.opening_date")), a.archived_at, a.created_at"

    static func account(_ row: PostgresRow) throws -> Account {
        let cells = PostgresRandomAccessRow(row)
        let currency = try Cells.currency(cells[3])
        return Account(
            id: try cells[0].decode(UUID.self), name: try cells[1].decode(String.self),
            kind: AccountKind(rawValue: try cells[2].decode(String.self)) ?? .other, currency: currency,
            openingBalance: Money(minorUnits: try cells[4].decode(Int64.self), currency: currency),
            openingDate: try Cells.day(cells[5]), archivedAt: try cells[6].decode(Date?.self), createdAt: try cells[7].decode(Date.self))
    }

    /// The workspace's accounts, archived ones last when included.
    public func accounts(_ access: WorkspaceAccess, includeArchived: Bool = false) async throws -> [Account] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.accountColumns) FROM accounts a
                WHERE \(includeArchived) OR a.archived_at IS NULL
                ORDER BY a.archived_at IS NOT NULL, lower(a.name)
                """, logger: logger)
            var accounts: [Account] = []
            for try await row in rows { accounts.append(try Self.account(row)) }
            return accounts
        }
    }

    /// Accounts by id, for batch loaders; ids of other workspaces are simply absent.
    public func accounts(_ access: WorkspaceAccess, ids: [UUID]) async throws -> [UUID: Account] {
        try await read(access) { connection in try await Self.accounts(ids: ids, on: connection, logger: logger) }
    }

    /// Opens an account. Name, kind and currency are required; the opening balance is a signed Decimal (default 0).
    public func createAccount(_ access: WorkspaceAccess, _ input: AccountInput) async throws -> Account {
        let name = try TextField.clean(input.name, field: "name", maximum: 100, required: true)
        guard let kind = input.kind else { throw LedgerError.badInput("kind is required.", field: "kind") }
        guard let code = input.currency, let currency = Currency(code: code) else {
            throw LedgerError.badInput("currency must be an ISO 4217 code such as USD or EUR (got \"\(input.currency ?? "")\").", field: "currency")
        }
        let opening = try Self.signedMoney(input.openingBalance ?? "0", currency: currency, field: "openingBalance")
        let openingDate = input.openingDate ?? CalendarDate.today
        let id = UUID()
        return try await write(access) { connection in
            try await Self.checkAccountName(name, excluding: nil, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO accounts (id, name, kind, currency, opening_balance, opening_date, created_by)
                VALUES (\(id), \(name), \(kind.rawValue), \(currency.code), \(opening.minorUnits), \(openingDate.iso)::date, \(access.userID))
                RETURNING \(unescaped: Self.accountColumns.replacingOccurrences(of: "a.", with: ""))
                """, logger: logger)
            for try await row in rows { return try Self.account(row) }
            throw LedgerError.notFound("account", field: "id")
        }
    }

    /// Renames an account, changes its kind, opening balance or opening date. The currency of an account with
    /// transactions cannot change (its amounts are in it).
    public func updateAccount(_ access: WorkspaceAccess, id: UUID, _ input: AccountInput) async throws -> Account {
        try await write(access) { connection in
            guard let current = try await Self.lockedAccount(id, on: connection, logger: logger) else { throw LedgerError.notFound("account", field: "id") }
            let name = input.name == nil ? current.name : try TextField.clean(input.name, field: "name", maximum: 100, required: true)
            if name.lowercased() != current.name.lowercased() {
                try await Self.checkAccountName(name, excluding: id, on: connection, logger: logger)
            }
            var currency = current.currency
            if let code = input.currency, code.uppercased() != current.currency.code {
                guard let requested = Currency(code: code) else {
                    throw LedgerError.badInput("currency must be an ISO 4217 code such as USD or EUR (got \"\(code)\").", field: "currency")
                }
                let used = try await connection.query("SELECT 1 FROM transactions WHERE account_id = \(id) LIMIT 1", logger: logger)
                for try await _ in used {
                    throw LedgerError.badInput("This account has transactions in \(current.currency.code); its currency cannot change.", field: "currency")
                }
                currency = requested
            }
            let opening = try input.openingBalance.map { try Self.signedMoney($0, currency: currency, field: "openingBalance") }
                ?? Money(minorUnits: current.openingBalance.minorUnits, currency: currency)
            let rows = try await connection.query(
                """
                UPDATE accounts SET name = \(name), kind = \((input.kind ?? current.kind).rawValue), currency = \(currency.code),
                    opening_balance = \(opening.minorUnits), opening_date = \((input.openingDate ?? current.openingDate).iso)::date
                WHERE id = \(id)
                RETURNING \(unescaped: Self.accountColumns.replacingOccurrences(of: "a.", with: ""))
                """, logger: logger)
            for try await row in rows { return try Self.account(row) }
            throw LedgerError.notFound("account", field: "id")
        }
    }

    /// Archives (hides) an account or brings it back; its transactions stay.
    public func setAccountArchived(_ access: WorkspaceAccess, id: UUID, archived: Bool) async throws -> Account {
        try await write(access) { connection in
            let rows = try await connection.query(
                """
                UPDATE accounts SET archived_at = CASE WHEN \(archived) THEN coalesce(archived_at, now()) END WHERE id = \(id)
                RETURNING \(unescaped: Self.accountColumns.replacingOccurrences(of: "a.", with: ""))
                """, logger: logger)
            for try await row in rows { return try Self.account(row) }
            throw LedgerError.notFound("account", field: "id")
        }
    }

    /// Balances at the end of `date` (opening balance plus every transaction dated up to it), by account id.
    public func balances(_ access: WorkspaceAccess, accountIDs: [UUID], at date: CalendarDate) async throws -> [UUID: Money] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT a.id, a.currency, a.opening_balance + coalesce(sum(t.amount), 0)::bigint
                FROM accounts a LEFT JOIN transactions t ON t.account_id = a.id AND t.date <= \(date.iso)::date
                WHERE a.id = ANY(\(accountIDs))
                GROUP BY a.id
                """, logger: logger)
            var balances: [UUID: Money] = [:]
            for try await (id, code, minor) in rows.decode((UUID, String, Int64).self) {
                balances[id] = Money(minorUnits: minor, currency: Cells.storedCurrency(code))
            }
            return balances
        }
    }

    static func lockedAccount(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Account? {
        let rows = try await connection.query("SELECT \(unescaped: accountColumns) FROM accounts a WHERE a.id = \(id) FOR UPDATE", logger: logger)
        for try await row in rows { return try account(row) }
        return nil
    }

    /// A live (not archived) account of this workspace, or NOT_FOUND naming `field`.
    static func liveAccount(_ id: UUID?, field: String, on connection: PostgresConnection, logger: Logger) async throws -> Account {
        guard let id else { throw LedgerError.badInput("\(field) is required.", field: field) }
        let rows = try await connection.query("SELECT \(unescaped: accountColumns) FROM accounts a WHERE a.id = \(id)", logger: logger)
        for try await row in rows {
            let account = try account(row)
            guard account.archivedAt == nil else {
                throw LedgerError.badInput("The account \"\(account.name)\" is archived; unarchive it first.", field: field)
            }
            return account
        }
        throw LedgerError.notFound("account", field: field)
    }

    static func checkAccountName(_ name: String, excluding id: UUID?, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            "SELECT 1 FROM accounts WHERE lower(name) = lower(\(name)) AND archived_at IS NULL AND id IS DISTINCT FROM \(id)", logger: logger)
        for try await _ in rows { throw LedgerError(.conflict, "An account named \"\(name)\" already exists.", field: "name") }
    }

    /// A signed Decimal in `currency`, or BAD_USER_INPUT naming `field`.
    public static func signedMoney(_ text: String, currency: Currency, field: String) throws -> Money {
        guard let money = Money(decimal: text, currency: currency) else {
            throw LedgerError.badInput(
                "\(field) must be a decimal number with at most \(currency.exponent) decimals for \(currency.code) (got \"\(text)\").", field: field)
        }
        return money
    }
}
