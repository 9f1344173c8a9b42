import Domain
import Foundation
import Testing
import TestSupport

/// Statement imports (all or nothing, no duplicates), CSV export, and recurring rules.
@Suite struct ImportAndRecurringTests {
    static let csv = """
        Date,Payee,Amount,Category
        2026-10-01,Green Market,-42.10,Groceries
        2026-10-02,Coffee Stand,-3.50,
        2026-10-02,Coffee Stand,-3.50,
        2026-10-03,Employer,2500.00,Salary and wages
        2026-10-04,Bank,0.00,
        """

    @Test func importingTheSameFileTwiceAddsNothing() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let upload = try await fixture.ledger.uploadImport(fixture.access, fileName: "october.csv", content: Array(Self.csv.utf8))
        #expect(upload.format == .csv && upload.status == .uploaded)
        let preview = try await fixture.ledger.previewImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
        #expect(preview.error == nil && preview.parsed?.rows.count == 5 && preview.duplicateLines.isEmpty)
        await #expect(throws: LedgerError.readOnly) {
            _ = try await fixture.ledger.previewImport(fixture.access(as: .viewer), importID: upload.id, accountID: account.id, mapping: nil)
        }
        let committed = try await fixture.ledger.commitImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
        #expect(committed.addedCount == 4 && committed.duplicateCount == 0 && committed.status == .committed)
        #expect(try await fixture.count("transactions", where: "payee = 'Coffee Stand'") == 2, "two equal coffees in one file are both kept")
        #expect(try await fixture.count("transactions t JOIN categories c ON c.id = t.category_id", where: "c.key = 'INCOME_WAGES'") == 1)
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.commitImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
        }
        let second = try await fixture.ledger.uploadImport(fixture.access, fileName: "october-again.csv", content: Array(Self.csv.utf8))
        let again = try await fixture.ledger.previewImport(fixture.access, importID: second.id, accountID: account.id, mapping: nil)
        #expect(again.duplicateLines == [2, 3, 4, 5])
        let recommitted = try await fixture.ledger.commitImport(fixture.access, importID: second.id, accountID: account.id, mapping: nil)
        #expect(recommitted.addedCount == 0 && recommitted.duplicateCount == 4)
        #expect(try await fixture.count("transactions") == 4)
        #expect(try await fixture.count("import_staging") == 0)
    }

    @Test func anUndoneImportTakesItsTransactionsAwayAndCanBeImportedAgain() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let before = try await fixture.expense("9.99", on: "2026-10-01", account: account, payee: "Kept")
        let upload = try await fixture.ledger.uploadImport(fixture.access, fileName: "october.csv", content: Array(Self.csv.utf8))
        await #expect(throws: LedgerError(.conflict, "This import was never committed: there is nothing to undo.", field: "importId")) {
            _ = try await fixture.ledger.undoImport(fixture.access, importID: upload.id)
        }
        _ = try await fixture.ledger.commitImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
        let imported = try await fixture.ledger.importTransactions(fixture.access, importID: upload.id).map(\.id)
        #expect(imported.count == 4)
        // One imported row deleted by hand first: the undo removes the three left.
        _ = try await fixture.ledger.deleteTransaction(fixture.access, id: imported[0])
        await #expect(throws: LedgerError.readOnly) {
            _ = try await fixture.ledger.undoImport(fixture.access(as: .viewer), importID: upload.id)
        }
        let (undone, deleted) = try await fixture.ledger.undoImport(fixture.access, importID: upload.id)
        #expect(Set(deleted) == Set(imported.dropFirst()))
        #expect(undone.status == .undone && undone.removedCount == 3 && undone.addedCount == 4 && undone.undoneAt != nil)
        #expect(try await fixture.count("transactions") == 1, "only the transaction written by hand is left")
        #expect(try await fixture.ledger.transactions(fixture.access, ids: [before.id]).count == 1)
        await #expect(throws: LedgerError(.conflict, "This import was already undone.", field: "importId")) {
            _ = try await fixture.ledger.undoImport(fixture.access, importID: upload.id)
        }
        await #expect(throws: LedgerError(.conflict, "This import was already committed (and undone).", field: "importId")) {
            _ = try await fixture.ledger.commitImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
        }
        let again = try await fixture.ledger.uploadImport(fixture.access, fileName: "october.csv", content: Array(Self.csv.utf8))
        let recommitted = try await fixture.ledger.commitImport(fixture.access, importID: again.id, accountID: account.id, mapping: nil)
        #expect(recommitted.addedCount == 4 && recommitted.duplicateCount == 0)
    }

    @Test func aBrokenFileWritesNoRowAndNamesTheLine() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let broken = Self.csv.replacingOccurrences(of: "2026-10-03,Employer", with: "2026-13-03,Employer")
        let upload = try await fixture.ledger.uploadImport(fixture.access, fileName: "broken.csv", content: Array(broken.utf8))
        let preview = try await fixture.ledger.previewImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
        #expect(preview.error?.line == 5)
        do {
            _ = try await fixture.ledger.commitImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
            Issue.record("a broken file was committed")
        } catch let error as LedgerError {
            #expect(error.message.hasPrefix("Line 5:") && error.field == "content", "\(error)")
        }
        #expect(try await fixture.count("transactions") == 0)
        // Too many decimals for the account's currency is a bad row too.
        let yen = try await fixture.account("Yen", currency: "JPY")
        let cents = try await fixture.ledger.uploadImport(fixture.access, fileName: "cents.csv", content: Array(Self.csv.utf8))
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.commitImport(fixture.access, importID: cents.id, accountID: yen.id, mapping: nil)
        }
        #expect(try await fixture.count("transactions") == 0)
    }

    @Test func anOFXStatementIsDeduplicatedByItsBankIDs() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let ofx = """
            OFXHEADER:100
            DATA:OFXSGML
            VERSION:102

            <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD
            <BANKTRANLIST>
            <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261005<TRNAMT>-12.00<FITID>A1<NAME>Bakery
            </STMTTRN>
            <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261005<TRNAMT>-12.00<FITID>A2<NAME>Bakery
            </STMTTRN>
            </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
            """
        for expected in [2, 0] {
            let upload = try await fixture.ledger.uploadImport(fixture.access, fileName: "statement.ofx", content: Array(ofx.utf8))
            #expect(upload.format == .ofx)
            let committed = try await fixture.ledger.commitImport(fixture.access, importID: upload.id, accountID: account.id, mapping: nil)
            #expect(committed.addedCount == expected)
        }
        let euros = try await fixture.account("Euros", currency: "EUR")
        let wrongCurrency = try await fixture.ledger.uploadImport(fixture.access, fileName: "statement.ofx", content: Array(ofx.utf8))
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.commitImport(fixture.access, importID: wrongCurrency.id, accountID: euros.id, mapping: nil)
        }
    }

    @Test func exportsNeutraliseFormulasAndKeepNumbers() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        try await fixture.expense("12.50", on: "2026-10-01", account: account, payee: "=HYPERLINK(\"http://evil\")")
        let csv = try await fixture.ledger.exportTransactions(fixture.access, filter: TransactionFilter(), sort: .dateAscending, detailed: false)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first == "Date,Type,Account,Payee,Description,Amount,Currency,Category")
        #expect(lines.count == 2)
        #expect(lines[1].contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "\(lines[1])")
        #expect(lines[1].contains(",-12.50,USD,"))
    }

    @Test func recurringRulesMaterialiseEachOccurrenceOnce() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let rent = try await fixture.category(key: "RENT_AND_UTILITIES_RENT")
        let rule = try await fixture.ledger.createRecurringRule(fixture.access, RecurringInput(
            accountID: account.id, kind: .expense, amount: "1200", payee: "Landlord", categoryID: rent.id, frequency: .monthly,
            lastDayOfMonth: true, start: CalendarDate("2026-01-31"), count: 12))
        #expect(rule.next?.date == CalendarDate("2026-01-31"))
        let written = try await fixture.ledger.materializeRecurring(fixture.access, through: CalendarDate("2026-04-15"))
        #expect(written == [CalendarDate("2026-01-31"), CalendarDate("2026-02-28"), CalendarDate("2026-03-31")])
        #expect(try await fixture.ledger.materializeRecurring(fixture.access, through: CalendarDate("2026-04-15")).isEmpty)
        #expect(try await fixture.count("transactions", where: "source = 'RECURRING' AND amount = -120000") == 3)
        let paused = try await fixture.ledger.setRecurringRulePaused(fixture.access, id: rule.id, paused: true)
        #expect(paused.next?.date == CalendarDate("2026-04-30"))
        #expect(try await fixture.ledger.materializeRecurring(fixture.access, through: CalendarDate("2026-06-30")).isEmpty)
        await #expect(throws: RecurrenceRuleError.self) {
            _ = try await fixture.ledger.createRecurringRule(fixture.access, RecurringInput(
                accountID: account.id, kind: .expense, amount: "1", frequency: .weekly, dayOfMonth: 3, start: CalendarDate("2026-01-01")))
        }
    }
}
