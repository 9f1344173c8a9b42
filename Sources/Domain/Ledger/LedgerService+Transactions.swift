import Foundation
import PostgresNIO

extension LedgerService {
    static let transactionColumns = """
        t.id, t.kind, t.account_id, \(CalendarDate.dayNumberSQL("t.date")), t.amount, t.currency, t.payee, t.description, t.notes, \
        t.category_id, t.status, t.source, t.transfer_id, t.import_id, t.recurring_rule_id, t.created_at, t.created_by, t.updated_at, t.updated_by
        """

    static func transaction(_ row: PostgresRow) throws -> LedgerTransaction {
        let c = PostgresRandomAccessRow(row)
        let currency = try Cells.currency(c[5])
        return LedgerTransaction(
            id: try c[0].decode(UUID.self), kind: TransactionKind(rawValue: try c[1].decode(String.self)) ?? .expense,
            accountID: try c[2].decode(UUID.self), date: try Cells.day(c[3]),
            amount: Money(minorUnits: try c[4].decode(Int64.self), currency: currency),
            payee: try c[6].decode(String.self), description: try c[7].decode(String.self), notes: try c[8].decode(String.self),
            categoryID: try c[9].decode(UUID?.self), status: TransactionStatus(rawValue: try c[10].decode(String.self)) ?? .cleared,
            source: TransactionSource(rawValue: try c[11].decode(String.self)) ?? .manual, transferID: try c[12].decode(UUID?.self),
            importID: try c[13].decode(UUID?.self), recurringRuleID: try c[14].decode(UUID?.self),
            createdAt: try c[15].decode(Date.self), createdBy: try c[16].decode(UUID?.self),
            updatedAt: try c[17].decode(Date.self), updatedBy: try c[18].decode(UUID?.self))
    }

    /// Transactions by id, for batch loaders.
    public func transactions(_ access: WorkspaceAccess, ids: [UUID]) async throws -> [UUID: LedgerTransaction] {
        try await read(access) { connection in
            try await Self.transactions(ids: ids, on: connection, logger: logger)
        }
    }

    static func transactions(ids: [UUID], on connection: PostgresConnection, logger: Logger) async throws -> [UUID: LedgerTransaction] {
        let rows = try await connection.query("SELECT \(unescaped: transactionColumns) FROM transactions t WHERE t.id = ANY(\(ids))", logger: logger)
        var found: [UUID: LedgerTransaction] = [:]
        for try await row in rows {
            let transaction = try transaction(row)
            found[transaction.id] = transaction
        }
        return found
    }

    /// The split lines of many transactions in one statement, by transaction id (empty for unsplit ones).
    public func splits(_ access: WorkspaceAccess, transactionIDs: [UUID]) async throws -> [UUID: [SplitLine]] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT s.transaction_id, s.position, s.category_id, s.amount, t.currency, s.memo
                FROM transaction_splits s JOIN transactions t ON t.id = s.transaction_id
                WHERE s.transaction_id = ANY(\(transactionIDs)) ORDER BY s.transaction_id, s.position
                """, logger: logger)
            var lines: [UUID: [SplitLine]] = [:]
            for try await (id, position, category, amount, code, memo) in rows.decode((UUID, Int32, UUID?, Int64, String, String).self) {
                let currency = Cells.storedCurrency(code)
                lines[id, default: []].append(SplitLine(
                    transactionID: id, position: Int(position), categoryID: category, amount: Money(minorUnits: amount, currency: currency), memo: memo))
            }
            return lines
        }
    }

    /// The tags of many transactions in one statement, by transaction id.
    public func tags(_ access: WorkspaceAccess, transactionIDs: [UUID]) async throws -> [UUID: [Tag]] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT tt.transaction_id, g.id, g.name FROM transaction_tags tt JOIN tags g ON g.id = tt.tag_id
                WHERE tt.transaction_id = ANY(\(transactionIDs)) ORDER BY lower(g.name)
                """, logger: logger)
            var tags: [UUID: [Tag]] = [:]
            for try await (transaction, id, name) in rows.decode((UUID, UUID, String).self) {
                tags[transaction, default: []].append(Tag(id: id, name: name))
            }
            return tags
        }
    }

    /// Every tag of the workspace, by name.
    public func allTags(_ access: WorkspaceAccess) async throws -> [Tag] {
        try await read(access) { connection in
            let rows = try await connection.query("SELECT id, name FROM tags ORDER BY lower(name)", logger: logger)
            var tags: [Tag] = []
            for try await (id, name) in rows.decode((UUID, String).self) { tags.append(Tag(id: id, name: name)) }
            return tags
        }
    }

    /// The edits and deletions of a transaction, oldest first.
    public func changes(_ access: WorkspaceAccess, transactionID: UUID) async throws -> [TransactionChange] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT transaction_id, action, changed_by, changed_at, before::text, after::text
                FROM transaction_changes WHERE transaction_id = \(transactionID) ORDER BY id
                """, logger: logger)
            var changes: [TransactionChange] = []
            for try await (id, action, by, at, before, after) in rows.decode((UUID, String, UUID?, Date, String, String?).self) {
                changes.append(TransactionChange(transactionID: id, action: action, changedBy: by, changedAt: at, before: before, after: after))
            }
            return changes
        }
    }

    /// Records an expense or an income (transfers: `createTransfer`). Everything is checked before anything is written;
    /// the transaction, its split lines and its tags are one database transaction.
    public func createTransaction(_ access: WorkspaceAccess, _ input: TransactionInput) async throws -> LedgerTransaction {
        guard let kind = input.kind else { throw LedgerError.badInput("kind is required: EXPENSE or INCOME.", field: "kind") }
        guard kind != .transfer else {
            throw LedgerError.badInput("A transfer has two accounts: use createTransfer.", field: "kind")
        }
        guard let date = input.date else { throw LedgerError.badInput("date is required.", field: "date") }
        let id = UUID()
        return try await write(access) { connection in
            let account = try await Self.liveAccount(input.accountID, field: "accountId", on: connection, logger: logger)
            let magnitude = try Money.positive(input.amount, currency: account.currency, field: "amount")
            let amount = kind == .expense ? magnitude.negated : magnitude
            let fields = try Self.checkedFields(input, current: nil)
            let splits = try await Self.checkedSplits(input.splits ?? [], total: amount, categoryID: input.categoryID ?? nil, on: connection, logger: logger)
            let categoryID = input.categoryID ?? nil
            if let categoryID { try await Self.checkCategories([(categoryID, "categoryId")], on: connection, logger: logger) }
            try await connection.query(
                """
                INSERT INTO transactions (id, kind, account_id, date, amount, currency, payee, description, notes, category_id,
                                          status, source, created_by, updated_by)
                VALUES (\(id), \(kind.rawValue), \(account.id), \(date.iso)::date, \(amount.minorUnits), \(account.currency.code),
                        \(fields.payee), \(fields.description), \(fields.notes), \(categoryID), \((input.status ?? .cleared).rawValue),
                        \((input.source ?? .manual).rawValue), \(access.userID), \(access.userID))
                """, logger: logger)
            try await Self.replaceSplits(of: id, with: splits, on: connection, logger: logger)
            if let tags = input.tags { try await Self.replaceTags(of: [id], with: tags, on: connection, logger: logger) }
            guard let created = try await Self.transactions(ids: [id], on: connection, logger: logger)[id] else {
                throw LedgerError.notFound("transaction", field: "id")
            }
            return created
        }
    }

    /// Changes a transaction; fields left nil keep their value. For a transfer leg, date, status, description, notes
    /// and tags apply to both legs, and the amount may change when both legs share a currency.
    public func updateTransaction(_ access: WorkspaceAccess, id: UUID, _ input: TransactionInput) async throws -> LedgerTransaction {
        try await write(access) { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.transactionColumns) FROM transactions t WHERE t.id = \(id) FOR UPDATE", logger: logger)
            var found: LedgerTransaction?
            for try await row in rows { found = try Self.transaction(row) }
            guard let current = found else { throw LedgerError.notFound("transaction", field: "id") }
            let fields = try Self.checkedFields(input, current: current)
            if current.kind == .transfer {
                try await updateTransfer(current, input, fields: fields, access: access, on: connection)
            } else {
                let kind = input.kind ?? current.kind
                guard kind != .transfer else {
                    throw LedgerError.badInput("An expense or income cannot become a transfer: delete it and create the transfer.", field: "kind")
                }
                var account = try await Self.accountForUpdate(current.accountID, on: connection, logger: logger)
                if let accountID = input.accountID, accountID != current.accountID {
                    account = try await Self.liveAccount(accountID, field: "accountId", on: connection, logger: logger)
                }
                let magnitude = try input.amount.map { try Money.positive($0, currency: account.currency, field: "amount") }
                    ?? Money(minorUnits: abs(current.amount.minorUnits), currency: account.currency)
                guard magnitude.currency == account.currency else {
                    throw LedgerError.badInput("The new account is in \(account.currency.code): give the amount in it too.", field: "amount")
                }
                let amount = kind == .expense ? magnitude.negated : magnitude
                var categoryID = input.categoryID ?? current.categoryID
                if let newCategory = input.categoryID ?? nil { try await Self.checkCategories([(newCategory, "categoryId")], on: connection, logger: logger) }
                var splits: [CheckedSplit]?
                if let lines = input.splits {
                    splits = try await Self.checkedSplits(lines, total: amount, categoryID: input.categoryID ?? nil, on: connection, logger: logger)
                    if !lines.isEmpty { categoryID = nil }
                } else if input.amount != nil || input.kind != nil {
                    // The split lines follow a change of sign; a change of total must come with new lines.
                    splits = try await Self.resignedSplits(of: id, to: amount, on: connection, logger: logger)
                }
                try await connection.query(
                    """
                    UPDATE transactions SET kind = \(kind.rawValue), account_id = \(account.id), date = \((input.date ?? current.date).iso)::date,
                        amount = \(amount.minorUnits), currency = \(account.currency.code), payee = \(fields.payee), description = \(fields.description),
                        notes = \(fields.notes), category_id = \(categoryID), status = \((input.status ?? current.status).rawValue),
                        updated_at = now(), updated_by = \(access.userID)
                    WHERE id = \(id)
                    """, logger: logger)
                if let splits { try await Self.replaceSplits(of: id, with: splits, on: connection, logger: logger) }
            }
            if let tags = input.tags {
                let legs = try await Self.legs(of: current, on: connection, logger: logger)
                try await Self.replaceTags(of: legs, with: tags, on: connection, logger: logger)
            }
            guard let updated = try await Self.transactions(ids: [id], on: connection, logger: logger)[id] else {
                throw LedgerError.notFound("transaction", field: "id")
            }
            return updated
        }
    }

    /// Deletes a transaction (both legs of a transfer); the change history keeps what it was and who deleted it.
    /// Returns the ids deleted.
    public func deleteTransaction(_ access: WorkspaceAccess, id: UUID) async throws -> [UUID] {
        try await write(access) { connection in
            let rows = try await connection.query(
                """
                DELETE FROM transactions WHERE id = \(id)
                   OR transfer_id = (SELECT transfer_id FROM transactions WHERE id = \(id) AND transfer_id IS NOT NULL)
                RETURNING id
                """, logger: logger)
            var deleted: [UUID] = []
            for try await value in rows.decode(UUID.self) { deleted.append(value) }
            guard !deleted.isEmpty else { throw LedgerError.notFound("transaction", field: "id") }
            return deleted
        }
    }

    /// Moves money between two accounts of the workspace as one operation: two legs sharing a transfer id, the source
    /// leg negative in its currency, the destination positive in its own (`toAmount` when the currencies differ).
    public func createTransfer(_ access: WorkspaceAccess, _ input: TransferInput) async throws -> (from: LedgerTransaction, to: LedgerTransaction) {
        guard input.fromAccountID != input.toAccountID else {
            throw LedgerError.badInput("A transfer needs two different accounts.", field: "toAccountId")
        }
        let description = try TextField.clean(input.description, field: "description", maximum: 500)
        let transferID = UUID()
        let (fromID, toID) = (UUID(), UUID())
        return try await write(access) { connection in
            let from = try await Self.liveAccount(input.fromAccountID, field: "fromAccountId", on: connection, logger: logger)
            let to = try await Self.liveAccount(input.toAccountID, field: "toAccountId", on: connection, logger: logger)
            let sent = try Money.positive(input.amount, currency: from.currency, field: "amount")
            let received: Money
            if from.currency == to.currency {
                if let toAmount = input.toAmount, Money(decimal: toAmount, currency: to.currency) != sent {
                    throw LedgerError.badInput("Both accounts are in \(from.currency.code): toAmount must equal amount or be left out.", field: "toAmount")
                }
                received = sent
            } else {
                guard input.toAmount != nil else {
                    throw LedgerError.badInput(
                        "\(from.name) is in \(from.currency.code) and \(to.name) in \(to.currency.code): give toAmount, what arrives in \(to.currency.code).",
                        field: "toAmount")
                }
                received = try Money.positive(input.toAmount, currency: to.currency, field: "toAmount")
            }
            let payee = "Transfer"
            try await connection.query(
                """
                INSERT INTO transactions (id, kind, account_id, date, amount, currency, payee, description, status, source, transfer_id, created_by, updated_by)
                VALUES (\(fromID), 'TRANSFER', \(from.id), \(input.date.iso)::date, \(-sent.minorUnits), \(from.currency.code), \(payee + " to " + to.name),
                        \(description), \(input.status.rawValue), 'MANUAL', \(transferID), \(access.userID), \(access.userID)),
                       (\(toID), 'TRANSFER', \(to.id), \(input.date.iso)::date, \(received.minorUnits), \(to.currency.code), \(payee + " from " + from.name),
                        \(description), \(input.status.rawValue), 'MANUAL', \(transferID), \(access.userID), \(access.userID))
                """, logger: logger)
            let legs = try await Self.transactions(ids: [fromID, toID], on: connection, logger: logger)
            guard let fromLeg = legs[fromID], let toLeg = legs[toID] else { throw LedgerError.notFound("transaction", field: "id") }
            return (fromLeg, toLeg)
        }
    }

    // MARK: - Checks shared by create and update

    struct CheckedFields {
        let payee: String
        let description: String
        let notes: String
    }

    static func checkedFields(_ input: TransactionInput, current: LedgerTransaction?) throws -> CheckedFields {
        CheckedFields(
            payee: input.payee == nil ? current?.payee ?? "" : try TextField.clean(input.payee, field: "payee", maximum: 200),
            description: input.description == nil ? current?.description ?? "" : try TextField.clean(input.description, field: "description", maximum: 500),
            notes: input.notes == nil ? current?.notes ?? "" : try TextField.clean(input.notes, field: "notes", maximum: 5_000))
    }

    struct CheckedSplit {
        let categoryID: UUID?
        let amount: Int64
        let memo: String
    }

    /// Split lines checked against the total: each positive, signed like the total, categories live, adding up exactly.
    static func checkedSplits(
        _ lines: [SplitInput], total: Money, categoryID: UUID?, on connection: PostgresConnection, logger: Logger
    ) async throws -> [CheckedSplit] {
        guard !lines.isEmpty else { return [] }
        guard categoryID == nil else {
            throw LedgerError.badInput("A split transaction has its categories on its lines: leave categoryId out.", field: "categoryId")
        }
        guard lines.count >= 2, lines.count <= 100 else {
            throw LedgerError.badInput("A split has 2 to 100 lines (got \(lines.count)).", field: "splits")
        }
        let sign: Int64 = total.minorUnits < 0 ? -1 : 1
        var checked: [CheckedSplit] = []
        var sum: Int64 = 0
        for (index, line) in lines.enumerated() {
            let amount = try Money.positive(line.amount, currency: total.currency, field: "splits[\(index)].amount")
            let memo = try TextField.clean(line.memo, field: "splits[\(index)].memo", maximum: 500)
            checked.append(CheckedSplit(categoryID: line.categoryID, amount: sign * amount.minorUnits, memo: memo))
            sum += amount.minorUnits
        }
        guard sum == abs(total.minorUnits) else {
            throw LedgerError.badInput(
                "The split lines add up to \(MinorUnits.format(sum, exponent: total.currency.exponent)) but the amount is "
                    + "\(MinorUnits.format(abs(total.minorUnits), exponent: total.currency.exponent)) \(total.currency.code).",
                field: "splits")
        }
        let categories = checked.enumerated().compactMap { index, line in line.categoryID.map { ($0, "splits[\(index)].categoryId") } }
        try await checkCategories(categories, on: connection, logger: logger)
        return checked
    }

    static func replaceSplits(of id: UUID, with lines: [CheckedSplit], on connection: PostgresConnection, logger: Logger) async throws {
        // Two statements: within one, the deleted lines would still hold their keys against the new ones.
        try await connection.query("DELETE FROM transaction_splits WHERE transaction_id = \(id)", logger: logger)
        guard !lines.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO transaction_splits (transaction_id, position, category_id, amount, memo)
            SELECT \(id), l.position - 1, nullif(l.category_id, '')::uuid, l.amount, l.memo
            FROM unnest(\(lines.map { $0.categoryID?.uuidString ?? "" })::text[], \(lines.map(\.amount))::bigint[], \(lines.map(\.memo))::text[])
                 WITH ORDINALITY AS l (category_id, amount, memo, position)
            """, logger: logger)
    }

    /// The current split lines with their sign made to match `total`; an error when the total itself changed.
    static func resignedSplits(of id: UUID, to total: Money, on connection: PostgresConnection, logger: Logger) async throws -> [CheckedSplit]? {
        let rows = try await connection.query(
            "SELECT category_id, amount, memo FROM transaction_splits WHERE transaction_id = \(id) ORDER BY position", logger: logger)
        var lines: [CheckedSplit] = []
        for try await (category, amount, memo) in rows.decode((UUID?, Int64, String).self) {
            lines.append(CheckedSplit(categoryID: category, amount: amount, memo: memo))
        }
        guard !lines.isEmpty else { return nil }
        let sign: Int64 = total.minorUnits < 0 ? -1 : 1
        let resigned = lines.map { CheckedSplit(categoryID: $0.categoryID, amount: sign * abs($0.amount), memo: $0.memo) }
        guard resigned.reduce(0, { $0 + $1.amount }) == total.minorUnits else {
            throw LedgerError.badInput("This transaction is split: give new split lines that add up to the new amount.", field: "splits")
        }
        return resigned
    }

    /// Replaces the tags of transactions by names (trimmed, compared without case), creating tags that are new.
    static func replaceTags(of ids: [UUID], with names: [String], on connection: PostgresConnection, logger: Logger) async throws {
        var seen = Set<String>()
        var clean: [String] = []
        for (index, name) in names.enumerated() {
            let tag = try TextField.clean(name, field: "tags[\(index)]", maximum: 50, required: true)
            if seen.insert(tag.lowercased()).inserted { clean.append(tag) }
        }
        guard clean.count <= 20 else { throw LedgerError.badInput("A transaction has at most 20 tags.", field: "tags") }
        let newIDs = clean.map { _ in UUID() }
        try await connection.query("DELETE FROM transaction_tags WHERE transaction_id = ANY(\(ids))", logger: logger)
        guard !clean.isEmpty else { return }
        try await connection.query(
            """
            WITH created AS (
                INSERT INTO tags (id, name) SELECT n.id, n.name FROM unnest(\(newIDs)::uuid[], \(clean)::text[]) AS n (id, name)
                ON CONFLICT (lower(name)) DO NOTHING RETURNING id, name
            ), wanted AS (
                SELECT id FROM created UNION SELECT g.id FROM tags g WHERE lower(g.name) = ANY(\(clean.map { $0.lowercased() }))
            )
            INSERT INTO transaction_tags (transaction_id, tag_id) SELECT t.id, w.id FROM unnest(\(ids)::uuid[]) AS t (id) CROSS JOIN wanted w
            """, logger: logger)
    }

    static func legs(of transaction: LedgerTransaction, on connection: PostgresConnection, logger: Logger) async throws -> [UUID] {
        guard let transferID = transaction.transferID else { return [transaction.id] }
        let rows = try await connection.query("SELECT id FROM transactions WHERE transfer_id = \(transferID)", logger: logger)
        var ids: [UUID] = []
        for try await id in rows.decode(UUID.self) { ids.append(id) }
        return ids
    }

    static func accountForUpdate(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Account {
        guard let account = try await accounts(ids: [id], on: connection, logger: logger)[id] else { throw LedgerError.notFound("account", field: "accountId") }
        return account
    }

    static func accounts(ids: [UUID], on connection: PostgresConnection, logger: Logger) async throws -> [UUID: Account] {
        let rows = try await connection.query("SELECT \(unescaped: accountColumns) FROM accounts a WHERE a.id = ANY(\(ids))", logger: logger)
        var found: [UUID: Account] = [:]
        for try await row in rows {
            let account = try account(row)
            found[account.id] = account
        }
        return found
    }

    private func updateTransfer(
        _ current: LedgerTransaction, _ input: TransactionInput, fields: CheckedFields, access: WorkspaceAccess, on connection: PostgresConnection
    ) async throws {
        if input.kind != nil && input.kind != .transfer {
            throw LedgerError.badInput("A transfer cannot become an expense or income: delete it and record the new one.", field: "kind")
        }
        if input.accountID != nil && input.accountID != current.accountID {
            throw LedgerError.badInput("A transfer's accounts cannot change: delete it and create a new transfer.", field: "accountId")
        }
        if (input.categoryID ?? nil) != nil || !(input.splits ?? []).isEmpty {
            throw LedgerError.badInput("Transfers have no category.", field: input.splits == nil ? "categoryId" : "splits")
        }
        if input.payee != nil && input.payee != current.payee {
            throw LedgerError.badInput("A transfer's payee names its accounts and cannot be set.", field: "payee")
        }
        var magnitude = abs(current.amount.minorUnits)
        if let amount = input.amount {
            let legs = try await Self.transactions(ids: try await Self.legs(of: current, on: connection, logger: logger), on: connection, logger: logger)
            guard Set(legs.values.map(\.amount.currency)).count == 1 else {
                throw LedgerError.badInput("This transfer is between two currencies: delete it and create it again with both amounts.", field: "amount")
            }
            magnitude = try Money.positive(amount, currency: current.amount.currency, field: "amount").minorUnits
        }
        try await connection.query(
            """
            UPDATE transactions SET date = \((input.date ?? current.date).iso)::date, description = \(fields.description), notes = \(fields.notes),
                status = \((input.status ?? current.status).rawValue), amount = sign(amount) * \(magnitude),
                updated_at = now(), updated_by = \(access.userID)
            WHERE transfer_id = \(current.transferID)
            """, logger: logger)
    }
}

extension LedgerService {
    /// Both legs of many transfers in one statement, by transfer id.
    public func transfers(_ access: WorkspaceAccess, transferIDs: [UUID]) async throws -> [UUID: [LedgerTransaction]] {
        try await read(access) { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.transactionColumns) FROM transactions t WHERE t.transfer_id = ANY(\(transferIDs))", logger: logger)
            var legs: [UUID: [LedgerTransaction]] = [:]
            for try await row in rows {
                let leg = try Self.transaction(row)
                if let transferID = leg.transferID { legs[transferID, default: []].append(leg) }
            }
            return legs
        }
    }
}
