import Domain
import Foundation
import PostgresNIO
import Testing
import TestSupport

/// Transactions, splits, transfers, history and the checks that keep bad input out.
@Suite struct TransactionTests {
    @Test func aNewWorkspaceHasTheDefaultTaxonomyOneLevelDeep() async throws {
        let fixture = try await LedgerFixture.make()
        let categories = try await fixture.ledger.categories(fixture.access)
        let byID = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0) })
        #expect(categories.contains { $0.key == "FOOD_AND_DRINK" && $0.parentID == nil && $0.kind == .expense })
        #expect(categories.contains { $0.key == "INCOME_WAGES" && byID[$0.parentID!]?.key == "INCOME" && $0.kind == .income })
        #expect(categories.allSatisfy { category in category.parentID.map { byID[$0]?.parentID == nil } ?? true })
        #expect(categories.count > 60)
    }

    @Test func splitLinesMustAddUpToTheAmountAndNothingIsWrittenOtherwise() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let groceries = try await fixture.category(key: "FOOD_AND_DRINK_GROCERIES")
        let household = try await fixture.category(key: "HOME_IMPROVEMENT_HARDWARE")
        await #expect(throws: LedgerError.badInput("The split lines add up to 90.00 but the amount is 100.00 USD.", field: "splits")) {
            _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
                kind: .expense, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "100",
                splits: [SplitInput(categoryID: groceries.id, amount: "60"), SplitInput(categoryID: household.id, amount: "30")]))
        }
        #expect(try await fixture.count("transactions") == 0)
        let split = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
            kind: .expense, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "100",
            splits: [SplitInput(categoryID: groceries.id, amount: "70"), SplitInput(categoryID: household.id, amount: "30", memo: "bulbs")]))
        #expect(split.categoryID == nil)
        let lines = try await fixture.ledger.splits(fixture.access, transactionIDs: [split.id])[split.id] ?? []
        #expect(lines.map(\.amount.minorUnits) == [-7_000, -3_000])
        #expect(lines.map(\.memo) == ["", "bulbs"])
        // The database refuses a change that breaks the sum even when our code is bypassed.
        await #expect(throws: PSQLError.self) {
            try await fixture.database.withWorkspaceTransaction(fixture.access.workspace.schema) { connection in
                try await connection.query("UPDATE transaction_splits SET amount = -1 WHERE transaction_id = \(split.id) AND position = 0", logger: TestStack.logger)
            }
        }
        // A new amount without new lines is refused; with lines that fit it goes through.
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.updateTransaction(fixture.access, id: split.id, TransactionInput(amount: "120"))
        }
        let updated = try await fixture.ledger.updateTransaction(fixture.access, id: split.id, TransactionInput(
            amount: "120", splits: [SplitInput(categoryID: groceries.id, amount: "90"), SplitInput(categoryID: household.id, amount: "30")]))
        #expect(updated.amount.minorUnits == -12_000)
    }

    @Test func unknownAccountsAndCategoriesAreRejectedByName() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let stranger = UUID()
        await #expect(throws: LedgerError.notFound("account", field: "accountId")) {
            _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
                kind: .expense, accountID: stranger, date: CalendarDate("2026-03-01"), amount: "5"))
        }
        await #expect(throws: LedgerError.notFound("live category", field: "categoryId")) {
            _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
                kind: .expense, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "5", categoryID: stranger))
        }
        await #expect(throws: LedgerError.notFound("live category", field: "splits[1].categoryId")) {
            _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
                kind: .expense, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "5",
                splits: [SplitInput(categoryID: nil, amount: "2"), SplitInput(categoryID: stranger, amount: "3")]))
        }
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
                kind: .expense, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "5.001"))
        }
        #expect(try await fixture.count("transactions") == 0)
    }

    @Test func anAccountOfAnotherWorkspaceIsUnknownHere() async throws {
        let mine = try await LedgerFixture.make()
        let theirs = try await LedgerFixture.make()
        let foreign = try await theirs.account("Theirs")
        await #expect(throws: LedgerError.notFound("account", field: "accountId")) {
            _ = try await mine.ledger.createTransaction(mine.access, TransactionInput(
                kind: .expense, accountID: foreign.id, date: CalendarDate("2026-03-01"), amount: "5"))
        }
        #expect(try await mine.ledger.accounts(mine.access, ids: [foreign.id]).isEmpty)
    }

    @Test func aTransferIsTwoConsistentLegsAndGoesAsOne() async throws {
        let fixture = try await LedgerFixture.make()
        let checking = try await fixture.account("Checking", opening: "1000")
        let savings = try await fixture.account("Savings")
        let euros = try await fixture.account("Euro account", currency: "EUR")
        let legs = try await fixture.ledger.createTransfer(fixture.access, TransferInput(
            fromAccountID: checking.id, toAccountID: savings.id, date: CalendarDate("2026-02-10"), amount: "250.50"))
        #expect(legs.from.amount.minorUnits == -25_050 && legs.to.amount.minorUnits == 25_050)
        #expect(legs.from.transferID == legs.to.transferID && legs.from.transferID != nil)
        #expect(legs.from.kind == .transfer && legs.from.accountID == checking.id && legs.to.accountID == savings.id)
        let balances = try await fixture.ledger.balances(fixture.access, accountIDs: [checking.id, savings.id], at: CalendarDate("2026-12-31"))
        #expect(balances[checking.id]?.minorUnits == 74_950 && balances[savings.id]?.minorUnits == 25_050)
        // Different currencies need what arrives.
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.createTransfer(fixture.access, TransferInput(
                fromAccountID: checking.id, toAccountID: euros.id, date: CalendarDate("2026-02-10"), amount: "100"))
        }
        let fx = try await fixture.ledger.createTransfer(fixture.access, TransferInput(
            fromAccountID: checking.id, toAccountID: euros.id, date: CalendarDate("2026-02-11"), amount: "100", toAmount: "91.37"))
        #expect(fx.to.amount == Money(minorUnits: 9_137, currency: Currency(code: "EUR")!))
        // Changing the amount of one leg changes both; deleting one leg deletes both.
        _ = try await fixture.ledger.updateTransaction(fixture.access, id: legs.to.id, TransactionInput(amount: "300"))
        let both = try await fixture.ledger.transactions(fixture.access, ids: [legs.from.id, legs.to.id])
        #expect(both[legs.from.id]?.amount.minorUnits == -30_000 && both[legs.to.id]?.amount.minorUnits == 30_000)
        let deleted = try await fixture.ledger.deleteTransaction(fixture.access, id: legs.from.id)
        #expect(Set(deleted) == [legs.from.id, legs.to.id])
        #expect(try await fixture.count("transactions", where: "transfer_id = '\(legs.from.transferID!.uuidString)'") == 0)
    }

    @Test func editsAndDeletionsAreRecordedWithWhoAndWhen() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let coffee = try await fixture.expense("4.20", on: "2026-04-01", account: account, payee: "Cafe")
        _ = try await fixture.ledger.updateTransaction(fixture.access, id: coffee.id, TransactionInput(payee: "Corner Cafe", tags: ["treats"]))
        // Setting tags again, with one already there in another case, keeps one of each.
        _ = try await fixture.ledger.updateTransaction(fixture.access, id: coffee.id, TransactionInput(tags: ["Treats", "coffee"]))
        #expect(try await fixture.ledger.tags(fixture.access, transactionIDs: [coffee.id])[coffee.id]?.map(\.name) == ["coffee", "treats"])
        _ = try await fixture.ledger.deleteTransaction(fixture.access, id: coffee.id)
        let changes = try await fixture.ledger.changes(fixture.access, transactionID: coffee.id)
        #expect(changes.map(\.action) == ["UPDATE", "DELETE"])
        #expect(changes.allSatisfy { $0.changedBy == fixture.owner.id })
        #expect(changes[0].before.contains("\"payee\": \"Cafe\"") && changes[0].after?.contains("\"payee\": \"Corner Cafe\"") == true)
    }

    @Test func readOnlyAccessCannotWrite() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        for role in [AccessRole.viewer, .advisorRead] {
            await #expect(throws: LedgerError.readOnly) {
                _ = try await fixture.ledger.createTransaction(fixture.access(as: role), TransactionInput(
                    kind: .income, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "5"))
            }
        }
        _ = try await fixture.ledger.createTransaction(fixture.access(as: .advisorWrite), TransactionInput(
            kind: .income, accountID: account.id, date: CalendarDate("2026-03-01"), amount: "5"))
        #expect(try await fixture.count("transactions") == 1)
    }

    @Test func mergingACategoryMovesItsTransactionsAndLinesAndArchivesIt() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let coffee = try await fixture.category(key: "FOOD_AND_DRINK_COFFEE")
        let restaurants = try await fixture.category(key: "FOOD_AND_DRINK_RESTAURANT")
        let snacks = try await fixture.ledger.createCategory(fixture.access, name: "Snacks", kind: nil, parentID: coffee.parentID)
        try await fixture.expense("3", on: "2026-05-01", account: account, category: coffee.id)
        try await fixture.expense("4", on: "2026-05-02", account: account, category: snacks.id)
        _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
            kind: .expense, accountID: account.id, date: CalendarDate("2026-05-03"), amount: "10",
            splits: [SplitInput(categoryID: coffee.id, amount: "6"), SplitInput(categoryID: restaurants.id, amount: "4")]))
        let moved = try await fixture.ledger.mergeCategory(fixture.access, sourceID: coffee.id, targetID: restaurants.id)
        #expect(moved == 2)
        #expect(try await fixture.count("ledger_lines", where: "category_id = '\(coffee.id.uuidString)'") == 0)
        #expect(try await fixture.count("ledger_lines", where: "category_id = '\(restaurants.id.uuidString)'") == 3)
        #expect(try await fixture.ledger.categories(fixture.access).contains { $0.id == coffee.id } == false)
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.mergeCategory(fixture.access, sourceID: snacks.id, targetID: try await fixture.category(key: "INCOME_WAGES").id)
        }
    }
}
