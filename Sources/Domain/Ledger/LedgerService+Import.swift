import Crypto
import Foundation
import PostgresNIO

extension LedgerService {
    /// The largest statement accepted, in bytes.
    public static let maximumImportBytes = 50 * 1024 * 1024

    static let importColumns = """
        i.id, i.file_name, i.format, i.status, i.account_id, i.row_count, i.added_count, i.duplicate_count, i.created_at, i.committed_at,
        i.undone_at, i.removed_count
        """

    static func statementImport(_ row: PostgresRow) throws -> StatementImport {
        let c = PostgresRandomAccessRow(row)
        return StatementImport(
            id: try c[0].decode(UUID.self), fileName: try c[1].decode(String.self),
            format: ImportFormat(rawValue: try c[2].decode(String.self)) ?? .csv, status: ImportStatus(rawValue: try c[3].decode(String.self)) ?? .uploaded,
            accountID: try c[4].decode(UUID?.self), rowCount: try c[5].decode(Int32?.self).map(Int.init),
            addedCount: try c[6].decode(Int32?.self).map(Int.init), duplicateCount: try c[7].decode(Int32?.self).map(Int.init),
            createdAt: try c[8].decode(Date.self), committedAt: try c[9].decode(Date?.self),
            undoneAt: try c[10].decode(Date?.self), removedCount: try c[11].decode(Int32?.self).map(Int.init))
    }

    /// Stores a statement file for preview and commit; nothing reaches the ledger. The format is detected from the
    /// content (and the file name).
    public func uploadImport(_ access: WorkspaceAccess, fileName: String, content: [UInt8]) async throws -> StatementImport {
        guard !content.isEmpty else { throw LedgerError.badInput("The file is empty.", field: "content") }
        guard content.count <= Self.maximumImportBytes else {
            throw LedgerError.badInput("A statement has at most \(Self.maximumImportBytes / 1_048_576) MiB.", field: "content")
        }
        let name = try TextField.clean(fileName, field: "fileName", maximum: 255)
        let format = ImportFormat.detect(ImportText.decode(Array(content.prefix(4_096))), fileName: name)
        let id = UUID()
        return try await write(access) { connection in
            let rows = try await connection.query(
                """
                INSERT INTO imports (id, file_name, format, content, status, created_by)
                VALUES (\(id), \(name), \(format.rawValue), \(ByteBuffer(bytes: content)), 'UPLOADED', \(access.userID))
                RETURNING \(unescaped: Self.importColumns.replacingOccurrences(of: "i.", with: ""))
                """, logger: logger)
            for try await row in rows { return try Self.statementImport(row) }
            throw LedgerError.notFound("import", field: "importId")
        }
    }

    /// The workspace's imports, newest first.
    public func imports(_ access: WorkspaceAccess, limit: Int) async throws -> [StatementImport] {
        guard (1...200).contains(limit) else { throw LedgerError.badInput("first must be between 1 and 200.", field: "first") }
        return try await read(access) { connection in
            let rows = try await connection.query(
                "SELECT \(unescaped: Self.importColumns) FROM imports i ORDER BY i.created_at DESC, i.id LIMIT \(Int64(limit))", logger: logger)
            var imports: [StatementImport] = []
            for try await row in rows { imports.append(try Self.statementImport(row)) }
            return imports
        }
    }

    /// Reads an uploaded statement with `mapping` (CSV; detected when nil) and reports what a commit into `accountID`
    /// would do, writing nothing.
    public func previewImport(_ access: WorkspaceAccess, importID: UUID, accountID: UUID?, mapping: CSVMapping?) async throws -> ImportPreview {
        // A preview is the first half of a write: the same role as the commit.
        guard access.role.satisfies(.member) else { throw LedgerError.readOnly }
        return try await read(access) { connection in
            let (statement, content) = try await Self.loadImport(importID, lock: false, on: connection, logger: logger)
            let parsed: ParsedStatement
            do throws(ImportFormatError) {
                parsed = try Self.parse(content, format: statement.format, mapping: mapping)
            } catch {
                return ImportPreview(statement: statement, parsed: nil, duplicateLines: [], error: error)
            }
            guard let accountID else { return ImportPreview(statement: statement, parsed: parsed, duplicateLines: [], error: nil) }
            let account = try await Self.liveAccount(accountID, field: "accountId", on: connection, logger: logger)
            let staged: [StagedRow]
            do throws(ImportFormatError) {
                staged = try Self.stage(parsed, into: account, categories: [:])
            } catch {
                return ImportPreview(statement: statement, parsed: parsed, duplicateLines: [], error: error)
            }
            let existing = try await connection.query(
                "SELECT external_id FROM transactions WHERE account_id = \(account.id) AND external_id = ANY(\(staged.map(\.externalID)))",
                logger: logger)
            var present = Set<String>()
            for try await id in existing.decode(String.self) { present.insert(id) }
            return ImportPreview(
                statement: statement, parsed: parsed, duplicateLines: Set(staged.filter { present.contains($0.externalID) }.map(\.line)), error: nil)
        }
    }

    /// Writes an uploaded statement's rows into an account, all or nothing: the rows stream into a staging table with
    /// COPY and move into transactions with one INSERT that skips rows already present (same bank id, else the same
    /// date, amount, payee and occurrence within the file). A bad row fails the whole import with its line.
    public func commitImport(_ access: WorkspaceAccess, importID: UUID, accountID: UUID, mapping: CSVMapping?) async throws -> StatementImport {
        try await write(access) { connection in
            let (statement, content) = try await Self.loadImport(importID, lock: true, on: connection, logger: logger)
            guard statement.status == .uploaded else {
                throw LedgerError(.conflict, "This import was already committed\(statement.status == .undone ? " (and undone)" : "").", field: "importId")
            }
            let account = try await Self.liveAccount(accountID, field: "accountId", on: connection, logger: logger)
            let categories = try await Self.categoryNames(on: connection, logger: logger)
            let staged: [StagedRow]
            do throws(ImportFormatError) {
                staged = try Self.stage(try Self.parse(content, format: statement.format, mapping: mapping), into: account, categories: categories)
            } catch {
                throw LedgerError.badInput("Line \(error.line): \(error.message) Nothing was imported.", field: "content")
            }
            try await connection.copyFrom(
                table: "import_staging", columns: ["import_id", "line", "date", "amount", "payee", "description", "external_id", "category_id"],
                logger: logger
            ) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 20)
                let prefix = importID.uuidString + "\t"
                for row in staged {
                    buffer.writeString(prefix)
                    buffer.writeString("\(row.line)\t\(row.date.iso)\t\(row.amount)\t")
                    buffer.writeString(CopyText.escaped(row.payee))
                    buffer.writeString("\t")
                    buffer.writeString(CopyText.escaped(row.description))
                    buffer.writeString("\t")
                    buffer.writeString(CopyText.escaped(row.externalID))
                    buffer.writeString("\t")
                    buffer.writeString(row.categoryID?.uuidString ?? "\\N")
                    buffer.writeString("\n")
                    if buffer.readableBytes >= 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
            let inserted = try await connection.query(
                """
                WITH added AS (
                    INSERT INTO transactions (id, kind, account_id, date, amount, currency, payee, description, category_id, status, source,
                                              import_id, external_id, created_by, updated_by)
                    SELECT gen_random_uuid(), CASE WHEN s.amount < 0 THEN 'EXPENSE' ELSE 'INCOME' END, \(account.id), s.date, s.amount,
                           \(account.currency.code), s.payee, s.description, s.category_id, 'CLEARED', 'IMPORT', s.import_id, s.external_id,
                           \(access.userID), \(access.userID)
                    FROM import_staging s WHERE s.import_id = \(importID) ORDER BY s.line
                    ON CONFLICT (account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
                    RETURNING 1
                ), cleared AS (DELETE FROM import_staging WHERE import_id = \(importID))
                SELECT count(*) FROM added
                """, logger: logger)
            var added = 0
            for try await count in inserted.decode(Int64.self) { added = Int(count) }
            let rows = try await connection.query(
                """
                UPDATE imports SET status = 'COMMITTED', account_id = \(account.id), row_count = \(Int32(staged.count)),
                    added_count = \(Int32(added)), duplicate_count = \(Int32(staged.count - added)), committed_at = now()
                WHERE id = \(importID)
                RETURNING \(unescaped: Self.importColumns.replacingOccurrences(of: "i.", with: ""))
                """, logger: logger)
            for try await row in rows { return try Self.statementImport(row) }
            throw LedgerError.notFound("import", field: "importId")
        }
    }

    /// Undoes a committed import in one transaction: deletes every transaction it added that is still there (with the
    /// other leg of any it became part of a transfer with) and keeps the import as UNDONE. Returns it and the deleted
    /// ids. Committing the same file again afterwards adds its rows again.
    public func undoImport(_ access: WorkspaceAccess, importID: UUID) async throws -> (StatementImport, deleted: [UUID]) {
        try await write(access) { connection in
            let (statement, _) = try await Self.loadImport(importID, lock: true, on: connection, logger: logger)
            switch statement.status {
            case .uploaded: throw LedgerError(.conflict, "This import was never committed: there is nothing to undo.", field: "importId")
            case .undone: throw LedgerError(.conflict, "This import was already undone.", field: "importId")
            case .committed: break
            }
            let rows = try await connection.query(
                """
                DELETE FROM transactions
                WHERE import_id = \(importID)
                   OR transfer_id IN (SELECT transfer_id FROM transactions WHERE import_id = \(importID) AND transfer_id IS NOT NULL)
                RETURNING id
                """, logger: logger)
            var deleted: [UUID] = []
            for try await id in rows.decode(UUID.self) { deleted.append(id) }
            let updated = try await connection.query(
                """
                UPDATE imports SET status = 'UNDONE', undone_at = now(), removed_count = \(Int32(deleted.count))
                WHERE id = \(importID)
                RETURNING \(unescaped: Self.importColumns.replacingOccurrences(of: "i.", with: ""))
                """, logger: logger)
            for try await row in updated { return (try Self.statementImport(row), deleted) }
            throw LedgerError.notFound("import", field: "importId")
        }
    }

    /// The ids and dates of an import's transactions, oldest first (for the events and budget alerts after a commit).
    public func importTransactions(_ access: WorkspaceAccess, importID: UUID) async throws -> [(id: UUID, date: CalendarDate)] {
        try await read(access) { connection in
            let rows = try await connection.query(
                """
                SELECT id, \(unescaped: CalendarDate.dayNumberSQL("date")) FROM transactions WHERE import_id = \(importID)
                ORDER BY date, id
                """, logger: logger)
            var transactions: [(id: UUID, date: CalendarDate)] = []
            for try await (id, day) in rows.decode((UUID, Int32).self) { transactions.append((id, CalendarDate(dayNumber: Int(day)))) }
            return transactions
        }
    }

    static func loadImport(_ id: UUID, lock: Bool, on connection: PostgresConnection, logger: Logger) async throws -> (StatementImport, [UInt8]) {
        var sql = SQLBuilder()
        let placeholder = try sql.bind(id)
        let rows = try await connection.query(
            sql.query("SELECT \(importColumns), i.content FROM imports i WHERE i.id = \(placeholder)\(lock ? " FOR UPDATE" : "")"), logger: logger)
        for try await row in rows {
            let content = try PostgresRandomAccessRow(row)[12].decode(ByteBuffer.self)
            return (try statementImport(row), Array(content.readableBytesView))
        }
        throw LedgerError.notFound("import", field: "importId")
    }

    /// Reads a statement file in its format; CSV with `mapping`, or the detected one.
    static func parse(_ content: [UInt8], format: ImportFormat, mapping: CSVMapping?) throws(ImportFormatError) -> ParsedStatement {
        let text = ImportText.decode(content)
        switch format {
        case .csv:
            let detection = CSVMappingDetector.detect(text)
            let used = mapping ?? detection.mapping
            return ParsedStatement(
                format: .csv, mapping: used, header: detection.header, notes: mapping == nil ? detection.notes : [],
                currency: detection.currency, rows: try CSVImport.rows(text, mapping: used))
        case .ofx:
            let statement = try OFXImport.parse(text)
            return ParsedStatement(format: .ofx, mapping: nil, header: nil, notes: [], currency: statement.currency, rows: statement.rows)
        case .qif:
            return ParsedStatement(format: .qif, mapping: nil, header: nil, notes: [], currency: nil, rows: try QIFImport.parse(text))
        }
    }

    struct StagedRow {
        let line: Int
        let date: CalendarDate
        let amount: Int64
        let payee: String
        let description: String
        let externalID: String
        let categoryID: UUID?
    }

    /// Rows checked against the account (currency, decimals) with their duplicate keys; the first bad row throws.
    static func stage(_ parsed: ParsedStatement, into account: Account, categories: [String: UUID]) throws(ImportFormatError) -> [StagedRow] {
        if let code = parsed.currency, let currency = Currency(code: code), currency != account.currency {
            throw ImportFormatError(line: 1, message: "The file is in \(currency.code) but the account \"\(account.name)\" is in \(account.currency.code).")
        }
        var occurrences: [String: Int] = [:]
        var staged: [StagedRow] = []
        staged.reserveCapacity(parsed.rows.count)
        for row in parsed.rows {
            if let code = row.currency, !code.isEmpty, Currency(code: code) != account.currency {
                throw ImportFormatError(line: row.line, message: "The row is in \(code) but the account is in \(account.currency.code).")
            }
            guard let amount = MinorUnits.parse(row.amount, exponent: account.currency.exponent) else {
                throw ImportFormatError(
                    line: row.line, message: "The amount \(row.amount) has more decimals than \(account.currency.code) allows (\(account.currency.exponent)).")
            }
            // Zero-amount rows (balance lines, cancelled authorisations) move no money: skipped.
            guard amount != 0 else { continue }
            guard row.payee.count <= 200, (row.memo ?? "").count <= 500 else {
                throw ImportFormatError(line: row.line, message: "The payee has at most 200 characters and the memo at most 500.")
            }
            let externalID: String
            if let fitid = row.fitid, !fitid.isEmpty {
                externalID = "fitid:" + fitid
            } else {
                let identity = "\(row.date.iso)|\(amount)|\(row.payee.lowercased())"
                let occurrence = occurrences[identity, default: 0]
                occurrences[identity] = occurrence + 1
                let digest = SHA256.hash(data: Data("\(identity)|\(occurrence)".utf8))
                externalID = "hash:" + Self.hex(digest.prefix(16))
            }
            let category = row.category.flatMap { name in
                categories[name.lowercased()] ?? name.split(separator: ":").last.flatMap { categories[$0.trimmingCharacters(in: .whitespaces).lowercased()] }
            }
            staged.append(StagedRow(line: row.line, date: row.date, amount: amount, payee: row.payee, description: row.memo ?? "",
                                    externalID: externalID, categoryID: category))
        }
        return staged
    }

    /// Lower-case hexadecimal of `bytes`, without Foundation's format strings (called once per imported row).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(32)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    static func categoryNames(on connection: PostgresConnection, logger: Logger) async throws -> [String: UUID] {
        let rows = try await connection.query("SELECT lower(name), id FROM categories WHERE archived_at IS NULL ORDER BY parent_id NULLS FIRST", logger: logger)
        var names: [String: UUID] = [:]
        for try await (name, id) in rows.decode((String, UUID).self) where names[name] == nil { names[name] = id }
        return names
    }
}

/// PostgreSQL COPY text format: backslash, tab, newline and carriage return escaped.
enum CopyText {
    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 8)
        for character in value.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
