import Domain
import Foundation
import GraphQLEngine

/// An `ImportPreview` with the sample size the caller asked for.
struct ImportPreviewNode: Sendable {
    let access: WorkspaceAccess
    let preview: ImportPreview
    let sampleSize: Int
}

extension ExecutableSchema.Builder {
    /// Statement imports (upload, preview, commit) and CSV export.
    mutating func bindImports() {
        fieldAsync("Workspace", "imports", of: WorkspaceNode.self) { node, input, request in
            .scoped(try await request.services.ledger.imports(node.access, limit: input.arguments.int("first") ?? 20), node.access)
        }
        fieldAsync("Workspace", "importPreview", of: WorkspaceNode.self) { node, input, request in
            let arguments = input.arguments
            let sampleSize = arguments.int("sampleSize") ?? 20
            guard (0...500).contains(sampleSize) else { throw LedgerError.badInput("sampleSize must be between 0 and 500.", field: "sampleSize") }
            let preview = try await request.services.ledger.previewImport(
                node.access, importID: try arguments.id("importId"), accountID: try arguments.optionalID("accountId"),
                mapping: try Self.csvMapping(arguments.object("mapping")))
            return .object(ImportPreviewNode(access: node.access, preview: preview, sampleSize: sampleSize))
        }
        fieldAsync("Workspace", "exportTransactions", of: WorkspaceNode.self) { node, input, request in
            .string(try await request.services.ledger.exportTransactions(
                node.access, filter: try LedgerArguments.filter(input.arguments.object("filter")),
                sort: input.arguments.string("sort").flatMap(TransactionSort.init(rawValue:)) ?? .dateAscending,
                detailed: input.arguments.bool("detailed") ?? false))
        }

        typealias Source = Scoped<StatementImport>
        sourceBacked("Import")
        field("Import", "id", of: Source.self) { .id($0.value.id) }
        field("Import", "fileName", of: Source.self) { .string($0.value.fileName) }
        field("Import", "format", of: Source.self) { .string($0.value.format.rawValue) }
        field("Import", "status", of: Source.self) { .string($0.value.status.rawValue) }
        field("Import", "rowCount", of: Source.self) { $0.value.rowCount.map { .int($0) } ?? .null }
        field("Import", "addedCount", of: Source.self) { $0.value.addedCount.map { .int($0) } ?? .null }
        field("Import", "duplicateCount", of: Source.self) { $0.value.duplicateCount.map { .int($0) } ?? .null }
        field("Import", "createdAt", of: Source.self) { .date($0.value.createdAt) }
        field("Import", "committedAt", of: Source.self) { .date($0.value.committedAt) }
        field("Import", "undoneAt", of: Source.self) { .date($0.value.undoneAt) }
        field("Import", "removedCount", of: Source.self) { $0.value.removedCount.map { .int($0) } ?? .null }
        loaded("Import", "account") { input in
            let statement = try input.source(as: Source.self)
            return try await input.load(LedgerLoaders.accounts, statement.value.accountID, in: statement.access)
        }

        sourceBacked("ImportPreview")
        field("ImportPreview", "import", of: ImportPreviewNode.self) { .object(Scoped(access: $0.access, value: $0.preview.statement)) }
        field("ImportPreview", "format", of: ImportPreviewNode.self) { .string($0.preview.statement.format.rawValue) }
        field("ImportPreview", "mapping", of: ImportPreviewNode.self) { node in node.preview.parsed?.mapping.map { .object($0) } ?? .null }
        field("ImportPreview", "header", of: ImportPreviewNode.self) { node in
            node.preview.parsed?.header.map { .list($0.map { .string($0) }) } ?? .null
        }
        field("ImportPreview", "notes", of: ImportPreviewNode.self) { .list(($0.preview.parsed?.notes ?? []).map { .string($0) }) }
        field("ImportPreview", "rowCount", of: ImportPreviewNode.self) { .int($0.preview.parsed?.rows.count ?? 0) }
        field("ImportPreview", "duplicateCount", of: ImportPreviewNode.self) { .int($0.preview.duplicateLines.count) }
        field("ImportPreview", "sample", of: ImportPreviewNode.self) { node in
            .list((node.preview.parsed?.rows.prefix(node.sampleSize) ?? []).map { row in
                .object(ImportRowNode(row: row, duplicate: node.preview.duplicateLines.contains(row.line)))
            })
        }
        field("ImportPreview", "error", of: ImportPreviewNode.self) { node in node.preview.error.map { .object($0) } ?? .null }

        sourceBacked("ImportRow")
        field("ImportRow", "line", of: ImportRowNode.self) { .int($0.row.line) }
        field("ImportRow", "date", of: ImportRowNode.self) { .day($0.row.date) }
        field("ImportRow", "amount", of: ImportRowNode.self) { .string($0.row.amount) }
        field("ImportRow", "payee", of: ImportRowNode.self) { .string($0.row.payee) }
        field("ImportRow", "memo", of: ImportRowNode.self) { $0.row.memo.map { .string($0) } ?? .null }
        field("ImportRow", "category", of: ImportRowNode.self) { $0.row.category.map { .string($0) } ?? .null }
        field("ImportRow", "duplicate", of: ImportRowNode.self) { .bool($0.duplicate) }

        sourceBacked("ImportRowError")
        field("ImportRowError", "line", of: ImportFormatError.self) { .int($0.line) }
        field("ImportRowError", "message", of: ImportFormatError.self) { .string($0.message) }

        sourceBacked("CsvMapping")
        field("CsvMapping", "delimiter", of: CSVMapping.self) { .string($0.delimiter) }
        field("CsvMapping", "hasHeader", of: CSVMapping.self) { .bool($0.hasHeader) }
        field("CsvMapping", "dateColumn", of: CSVMapping.self) { .int($0.dateColumn) }
        field("CsvMapping", "dateFormat", of: CSVMapping.self) { .string($0.dateFormat.rawValue) }
        field("CsvMapping", "amountColumn", of: CSVMapping.self) { $0.amountColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "debitColumn", of: CSVMapping.self) { $0.debitColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "creditColumn", of: CSVMapping.self) { $0.creditColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "decimalSeparator", of: CSVMapping.self) { .string($0.decimalSeparator) }
        field("CsvMapping", "outflowIsPositive", of: CSVMapping.self) { .bool($0.outflowIsPositive) }
        field("CsvMapping", "payeeColumn", of: CSVMapping.self) { $0.payeeColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "memoColumn", of: CSVMapping.self) { $0.memoColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "categoryColumn", of: CSVMapping.self) { $0.categoryColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "fitidColumn", of: CSVMapping.self) { $0.fitidColumn.map { .int($0) } ?? .null }
        field("CsvMapping", "skipRecords", of: CSVMapping.self) { .int($0.skipRecords) }
        field("CsvMapping", "currencyColumn", of: CSVMapping.self) { $0.currencyColumn.map { .int($0) } ?? .null }

        workspaceMutation("uploadImport") { access, arguments, request in
            .object(Scoped(access: access, value: try await request.services.ledger.uploadImport(
                access, fileName: arguments.string("fileName") ?? "", content: Array((arguments.string("content") ?? "").utf8))))
        }
        workspaceMutation("commitImport") { access, arguments, request in
            let importID = try arguments.id("importId")
            let events = request.services.events
            let topic = EventTopic.importProgress(importID: importID)
            await events.publish(.encoding(ImportProgressEvent(importID: importID, stage: .committing), on: topic))
            let committed: StatementImport
            do {
                committed = try await request.services.ledger.commitImport(
                    access, importID: importID, accountID: try arguments.id("accountId"), mapping: try Self.csvMapping(arguments.object("mapping")))
            } catch {
                let message = (error as? any GraphQLErrorConvertible)?.graphQLError.message ?? "The import could not be committed."
                await events.publish(.encoding(ImportProgressEvent(importID: importID, stage: .failed, message: message), on: topic))
                throw error
            }
            await events.publish(.encoding(
                ImportProgressEvent(importID: importID, stage: .committed, added: committed.addedCount, duplicates: committed.duplicateCount),
                on: topic))
            let imported = try await request.services.ledger.importTransactions(access, importID: importID)
            // transactionChanged subscribers hear of imported transactions too.
            await request.announceTransactions(access, .created, imported.map(\.id))
            try await request.recordBudgetCrossings(access, dates: imported.map(\.date))
            await request.services.notifications.importFinished(committed, access: access)
            return .object(Scoped(access: access, value: committed))
        }
        workspaceMutation("undoImport") { access, arguments, request in
            let (undone, deleted) = try await request.services.ledger.undoImport(access, importID: try arguments.id("importId"))
            await request.announceTransactions(access, .deleted, deleted)
            return .object(Scoped(access: access, value: undone))
        }
    }

    /// A `CsvMappingInput` as the domain's mapping.
    static func csvMapping(_ input: GraphQLObject?) throws -> CSVMapping? {
        guard let input else { return nil }
        guard let format = input.string("dateFormat").flatMap(CSVDateFormat.init(rawValue:)) else {
            throw LedgerError.badInput(
                "dateFormat must be one of " + CSVDateFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".", field: "mapping.dateFormat")
        }
        guard ["." , ","].contains(input.string("decimalSeparator") ?? "") else {
            throw LedgerError.badInput("decimalSeparator must be \".\" or \",\".", field: "mapping.decimalSeparator")
        }
        let columns = ["dateColumn", "amountColumn", "debitColumn", "creditColumn", "payeeColumn", "memoColumn", "categoryColumn", "fitidColumn",
                       "currencyColumn", "skipRecords"]
        for column in columns {
            if let value = input.int(column), !(0...500).contains(value) {
                throw LedgerError.badInput("\(column) must be a column number from 0 to 500.", field: "mapping.\(column)")
            }
        }
        guard input.int("amountColumn") != nil || input.int("debitColumn") != nil || input.int("creditColumn") != nil else {
            throw LedgerError.badInput("Give amountColumn, or debitColumn and creditColumn.", field: "mapping.amountColumn")
        }
        return CSVMapping(
            delimiter: input.string("delimiter") ?? ",", hasHeader: input.bool("hasHeader") ?? true, skipRecords: input.int("skipRecords") ?? 0, dateColumn: input.int("dateColumn") ?? 0,
            dateFormat: format, amountColumn: input.int("amountColumn"), debitColumn: input.int("debitColumn"), creditColumn: input.int("creditColumn"),
            decimalSeparator: input.string("decimalSeparator") ?? ".", outflowIsPositive: input.bool("outflowIsPositive") ?? false,
            payeeColumn: input.int("payeeColumn"), memoColumn: input.int("memoColumn"), categoryColumn: input.int("categoryColumn"),
            currencyColumn: input.int("currencyColumn"), fitidColumn: input.int("fitidColumn"))
    }
}

/// A row of an import preview.
struct ImportRowNode: Sendable {
    let row: ImportedRow
    let duplicate: Bool
}
