import Domain
import Foundation
import Testing
import TestSupport

/// Budget periods, rollover arithmetic, statuses from real spending, and threshold alerts.
@Suite struct BudgetTests {
    static let usd = Currency(code: "USD")!

    static func budget(_ kind: BudgetPeriodKind, anchor: String, amount: Int64, rollover: Bool = false, cap: Int64? = nil) -> Budget {
        Budget(id: UUID(), name: "Test", categoryID: nil, schedule: BudgetSchedule(kind: kind, customDays: kind == .custom ? 10 : nil, anchor: CalendarDate(anchor)),
               amount: Money(minorUnits: amount, currency: usd), rollover: rollover, rolloverCap: cap.map { Money(minorUnits: $0, currency: usd) },
               thresholds: [50, 80, 100], archivedAt: nil, createdAt: Date())
    }

    @Test func monthlyPeriodsKeepTheirAnchorDayThroughShortMonths() {
        let schedule = BudgetSchedule(kind: .monthly, customDays: nil, anchor: CalendarDate("2026-01-31"))
        #expect(schedule.period(1) == BudgetPeriod(index: 1, start: CalendarDate("2026-02-28"), end: CalendarDate("2026-03-30")))
        #expect(schedule.period(2).start == CalendarDate("2026-03-31"))
        #expect(schedule.period(containing: CalendarDate("2026-03-30"))?.index == 1)
        #expect(schedule.period(containing: CalendarDate("2026-03-31"))?.index == 2)
        #expect(schedule.period(containing: CalendarDate("2026-01-30")) == nil)
        let weekly = BudgetSchedule(kind: .weekly, customDays: nil, anchor: CalendarDate("2026-11-02"))
        #expect(weekly.period(containing: CalendarDate("2026-11-22")) == BudgetPeriod(index: 2, start: CalendarDate("2026-11-16"), end: CalendarDate("2026-11-22")))
        let quarterly = BudgetSchedule(kind: .quarterly, customDays: nil, anchor: CalendarDate("2026-01-01"))
        #expect(quarterly.period(containing: CalendarDate("2026-11-22"))?.start == CalendarDate("2026-10-01"))
        let custom = BudgetSchedule(kind: .custom, customDays: 10, anchor: CalendarDate("2026-01-01"))
        #expect(custom.period(containing: CalendarDate("2026-01-21"))?.start == CalendarDate("2026-01-21"))
    }

    @Test func rolloverCarriesTheUnspentRemainderUpToTheCapAndNeverDebt() {
        #expect(BudgetRollover.carried(available: 100_00, spent: 60_00, cap: nil) == 40_00)
        #expect(BudgetRollover.carried(available: 100_00, spent: 60_00, cap: 25_00) == 25_00)
        #expect(BudgetRollover.carried(available: 100_00, spent: 130_00, cap: nil) == 0)
        // Three months of 100: spend 60 (carry 40), spend 150 of 140 (carry 0), spend 20 of 100.
        let budget = Self.budget(.monthly, anchor: "2026-01-01", amount: 100_00, rollover: true)
        let spending: [CalendarDate: Int64] = [
            CalendarDate("2026-01-10"): 60_00, CalendarDate("2026-02-03"): 150_00, CalendarDate("2026-03-05"): 20_00,
        ]
        let statuses = BudgetTimeline.statuses(of: budget, periods: 0, through: 2, spending: spending, today: CalendarDate("2026-03-16"))
        #expect(statuses.map(\.carriedIn.minorUnits) == [0, 40_00, 0])
        #expect(statuses.map(\.available.minorUnits) == [100_00, 140_00, 100_00])
        #expect(statuses.map(\.remaining.minorUnits) == [40_00, -10_00, 80_00])
        #expect(statuses[1].crossedThresholds == [50, 80, 100])
        // March: 20 spent in 16 of 31 days projects to 38.75 → 38.75 (integer division of minor units).
        #expect(statuses[2].projected.minorUnits == 20_00 * 31 / 16)
        let capped = Self.budget(.monthly, anchor: "2026-01-01", amount: 100_00, rollover: true, cap: 15_00)
        #expect(BudgetTimeline.statuses(of: capped, periods: 1, through: 1, spending: spending, today: CalendarDate("2026-12-01"))[0].carriedIn.minorUnits == 15_00)
        let plain = Self.budget(.monthly, anchor: "2026-01-01", amount: 100_00)
        #expect(BudgetTimeline.statuses(of: plain, periods: 1, through: 1, spending: spending, today: CalendarDate("2026-12-01"))[0].carriedIn.minorUnits == 0)
    }

    @Test func statusesFollowSpendingOfTheCategoryAndItsChildrenAndAlertsAreRecordedOnce() async throws {
        let fixture = try await LedgerFixture.make()
        let account = try await fixture.account()
        let groceries = try await fixture.category(key: "FOOD_AND_DRINK_GROCERIES")
        let food = try #require(groceries.parentID)
        let rent = try await fixture.category(key: "RENT_AND_UTILITIES_RENT")
        let today = CalendarDate("2026-09-15")
        let budget = try await fixture.budgets.createBudget(fixture.access, BudgetInput(
            name: "Food", categoryID: .some(food), period: .monthly, anchor: CalendarDate("2026-08-01"), amount: "400", rollover: true,
            rolloverCap: .some("50")), today: today)
        try await fixture.expense("300", on: "2026-08-10", account: account, category: groceries.id)
        try await fixture.expense("2000", on: "2026-09-01", account: account, category: rent.id)
        try await fixture.expense("330", on: "2026-09-02", account: account, category: groceries.id)
        let status = try #require(try await fixture.budgets.statuses(fixture.access, budgets: [budget], on: today, today: today)[budget.id])
        #expect(status.carriedIn.minorUnits == 50_00, "100 unspent, capped at 50")
        #expect(status.available.minorUnits == 450_00 && status.spent.minorUnits == 330_00)
        #expect(status.crossedThresholds == [])
        try await fixture.expense("50", on: "2026-09-14", account: account, category: groceries.id)
        let first = try await fixture.budgets.recordThresholdCrossings(fixture.access, dates: [CalendarDate("2026-09-14")], today: today)
        #expect(first.map(\.threshold) == [80])
        let again = try await fixture.budgets.recordThresholdCrossings(fixture.access, dates: [CalendarDate("2026-09-14")], today: today)
        #expect(again.isEmpty)
        #expect(try await fixture.budgets.alerts(fixture.access, budgetID: budget.id).map(\.threshold) == [80])
        let history = try await fixture.budgets.history(fixture.access, budget: budget, count: 3, through: today, today: today)
        #expect(history.map(\.period.start) == [CalendarDate("2026-08-01"), CalendarDate("2026-09-01")])
        #expect(history.map(\.spent.minorUnits) == [300_00, 380_00])
    }

    @Test func budgetInputIsCheckedBeforeAnythingIsWritten() async throws {
        let fixture = try await LedgerFixture.make()
        let wages = try await fixture.category(key: "INCOME_WAGES")
        let today = CalendarDate("2026-09-15")
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.budgets.createBudget(fixture.access, BudgetInput(name: "Pay", categoryID: .some(wages.id), period: .monthly, amount: "10"), today: today)
        }
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.budgets.createBudget(fixture.access, BudgetInput(name: "Odd", period: .custom, amount: "10"), today: today)
        }
        await #expect(throws: LedgerError.self) {
            _ = try await fixture.budgets.createBudget(fixture.access, BudgetInput(name: "Neg", period: .weekly, amount: "-10"), today: today)
        }
        #expect(try await fixture.count("budgets") == 0)
    }
}
