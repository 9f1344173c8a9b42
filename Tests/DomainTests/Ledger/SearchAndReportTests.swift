import Domain
import Foundation
import Testing
import TestSupport

/// Search with filters and keyset pages, totals, dashboard reports, and conversion into the base currency.
@Suite struct SearchAndReportTests {
    @Test func pagesFollowEachOtherWithoutOverlapInEveryOrder() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        for day in 1...9 {
            // Two transactions per day with equal amounts, so ties must be broken by id.
            try await fixture.expense("\(day % 3 + 1)", on: "2026-06-0\(day)", account: account, payee: "Payee \(day % 2)")
            try await fixture.expense("\(day % 3 + 1)", on: "2026-06-0\(day)", account: account, payee: "Payee \(day % 2)")
        }
        for sort in TransactionSort.allCases {
            var seen: [UUID] = []
            var after: String?
            repeat {
                let page = try await fixture.ledger.searchTransactions(fixture.access, filter: TransactionFilter(), sort: sort, first: 4, after: after)
                seen += page.items.map(\.transaction.id)
                after = page.hasNextPage ? page.items.last?.cursor : nil
            } while after != nil
            #expect(seen.count == 18 && Set(seen).count == 18, "\(sort)")
        }
        let newest = try await fixture.ledger.searchTransactions(fixture.access, filter: TransactionFilter(), sort: .dateDescending, first: 2, after: nil)
        #expect(newest.items.allSatisfy { $0.transaction.date == CalendarDate("2026-06-09") })
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.ledger.searchTransactions(fixture.access, filter: TransactionFilter(), sort: .amountAscending, first: 2, after: newest.items[0].cursor)
        }
    }

    @Test func filtersCombineAndTotalsCoverTheWholeFilteredSet() async throws {
        let fixture = try await LedgerFixture.make()
        let checking = try await fixture.account()
        let card = try await fixture.account("Card")
        let groceries = try await fixture.category(key: "FOOD_AND_DRINK_GROCERIES")
        let food = try #require(groceries.parentID)
        try await fixture.expense("42.10", on: "2026-07-01", account: checking, category: groceries.id, payee: "Green Market")
        try await fixture.expense("150", on: "2026-07-02", account: card, category: groceries.id, payee: "Big Store")
        try await fixture.expense("9.99", on: "2026-07-03", account: card, payee: "Streaming Co")
        _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
            kind: .income, accountID: checking.id, date: CalendarDate("2026-07-04"), amount: "2500", payee: "Employer", notes: "July salary",
            tags: ["salary"]))
        func search(_ filter: TransactionFilter) async throws -> [String] {
            try await fixture.ledger.searchTransactions(fixture.access, filter: filter, sort: .dateAscending, first: 50, after: nil).items.map(\.transaction.payee)
        }
        #expect(try await search(TransactionFilter(categoryIDs: [food])) == ["Green Market", "Big Store"])
        #expect(try await search(TransactionFilter(minAmount: "42.10", maxAmount: "150")) == ["Green Market", "Big Store"])
        #expect(try await search(TransactionFilter(minAmount: "42.11")) == ["Big Store", "Employer"])
        #expect(try await search(TransactionFilter(uncategorized: true, accountIDs: [card.id])) == ["Streaming Co"])
        #expect(try await search(TransactionFilter(text: "stream")) == ["Streaming Co"])
        #expect(try await search(TransactionFilter(text: "salar")) == ["Employer"])
        #expect(try await search(TransactionFilter(text: "') | ('")) == ["Green Market", "Big Store", "Streaming Co", "Employer"])
        #expect(try await search(TransactionFilter(from: CalendarDate("2026-07-02"), to: CalendarDate("2026-07-03"), kinds: [.expense])) == ["Big Store", "Streaming Co"])
        let tags = try await fixture.ledger.allTags(fixture.access)
        #expect(try await search(TransactionFilter(tagIDs: tags.map(\.id))) == ["Employer"])
        let totals = try await fixture.ledger.totals(fixture.access, filter: TransactionFilter(from: CalendarDate("2026-07-01")))
        #expect(totals.count == 4)
        #expect(totals.income.decimalString == "2500.00" && totals.expenses.decimalString == "202.09" && totals.net.decimalString == "2297.91")
        #expect(try await fixture.ledger.countTransactions(fixture.access, filter: TransactionFilter(accountIDs: [card.id])) == 2)
    }

    @Test func dashboardFiguresAddUpAndCompareWithThePreviousPeriod() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let rent = try await fixture.category(key: "RENT_AND_UTILITIES_RENT")
        let coffee = try await fixture.category(key: "FOOD_AND_DRINK_COFFEE")
        let restaurants = try await fixture.category(key: "FOOD_AND_DRINK_RESTAURANT")
        _ = try await fixture.ledger.createTransaction(fixture.access, TransactionInput(
            kind: .income, accountID: account.id, date: CalendarDate("2026-08-01"), amount: "3000", payee: "Employer"))
        try await fixture.expense("1200", on: "2026-08-02", account: account, category: rent.id, payee: "Landlord")
        try await fixture.expense("5", on: "2026-08-03", account: account, category: coffee.id, payee: "Cafe")
        try await fixture.expense("45", on: "2026-08-20", account: account, category: restaurants.id, payee: "cafe")
        try await fixture.expense("100", on: "2026-07-15", account: account, category: coffee.id, payee: "Cafe")
        let from = CalendarDate("2026-08-01"), to = CalendarDate("2026-08-31")
        let totals = try await fixture.ledger.periodTotals(fixture.access, from: from, to: to)
        #expect(totals.income.minorUnits == 300_000 && totals.expenses.minorUnits == 125_000 && totals.net.minorUnits == 175_000)
        #expect(totals.savingsRate == 58.3)
        let previous = LedgerService.previousPeriod(from: from, to: to)
        #expect(previous.from == CalendarDate("2026-07-01") && previous.to == CalendarDate("2026-07-31"))
        #expect(try await fixture.ledger.periodTotals(fixture.access, from: previous.from, to: previous.to).expenses.minorUnits == 10_000)
        let byTop = try await fixture.ledger.spendingByCategory(fixture.access, from: from, to: to, topLevel: true)
        #expect(byTop.map(\.categoryID) == [rent.parentID, coffee.parentID])
        #expect(byTop.map(\.amount.minorUnits) == [120_000, 5_000])
        #expect(byTop.map(\.share) == [96.0, 4.0])
        let byLeaf = try await fixture.ledger.spendingByCategory(fixture.access, from: from, to: to, topLevel: false)
        #expect(byLeaf.count == 3)
        let merchants = try await fixture.ledger.spendingByMerchant(fixture.access, from: from, to: to, limit: 5)
        #expect(merchants.map(\.amount.minorUnits) == [120_000, 5_000])
        #expect(merchants[1].transactionCount == 2, "payees compare without case")
        let months = try await fixture.ledger.monthlyTotals(fixture.access, from: CalendarDate("2026-06-15"), to: to)
        #expect(months.map(\.month) == [CalendarDate("2026-06-01"), CalendarDate("2026-07-01"), CalendarDate("2026-08-01")])
        #expect(months.map(\.expenses.minorUnits) == [0, 10_000, 125_000])
    }

    @Test func foreignAmountsAreConvertedWithTheirDaysRateIntoTheBaseCurrency() async throws {
        let fixture = try await LedgerFixture.make(currency: "EUR")
        // Rates unique to this test's days, so parallel tests cannot disturb them.
        let day = CalendarDate("2031-03-03")
        _ = try await fixture.ledger.rates.importRates([
            FXRate(day: day, base: Currency(code: "EUR")!, quote: Currency(code: "USD")!, rate: ExactDecimal("1.25")!),
        ])
        let dollars = try await fixture.account("Dollar card", currency: "USD")
        let euros = try await fixture.account("Euro account", currency: "EUR")
        try await fixture.expense("10.01", on: day.iso, account: dollars)
        try await fixture.expense("2.00", on: day.iso, account: euros)
        let totals = try await fixture.ledger.periodTotals(fixture.access, from: day, to: day)
        // 10.01 USD / 1.25 = 8.008 EUR → 8.01; plus 2.00 EUR.
        #expect(totals.expenses == Money(minorUnits: 1_001, currency: Currency(code: "EUR")!))
        // A day with no rate within a week is an error that says so, not a silent zero.
        try await fixture.expense("1", on: "2031-06-01", account: dollars)
        await #expect(throws: FXError.self) {
            _ = try await fixture.ledger.periodTotals(fixture.access, from: CalendarDate("2031-06-01"), to: CalendarDate("2031-06-01"))
        }
    }
}
