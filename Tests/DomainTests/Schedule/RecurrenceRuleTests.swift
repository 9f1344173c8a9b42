import Domain
import Foundation
import Testing

/// Recurrence rules: every frequency, intervals, month ends, leap years, end dates, counts, continuation, validation.
@Suite struct RecurrenceRuleTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func dates(_ occurrences: [Occurrence]) -> [String] { occurrences.map(\.date.iso) }

    @Test func dailyEveryNDays() throws {
        let rule = try RecurrenceRule(frequency: .daily, interval: 3, start: Self.day("2025-12-28"))
        #expect(Self.dates(rule.occurrences(through: Self.day("2026-01-06"))) == ["2025-12-28", "2025-12-31", "2026-01-03", "2026-01-06"])
        let everyDay = try RecurrenceRule(frequency: .daily, start: Self.day("2024-02-27"))
        #expect(Self.dates(everyDay.occurrences(through: Self.day("2024-03-01"))) == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"])
    }

    @Test func weeklyAndEveryOtherWeekKeepTheStartsWeekday() throws {
        let weekly = try RecurrenceRule(frequency: .weekly, start: Self.day("2025-11-21"))
        let occurrences = weekly.occurrences(through: Self.day("2025-12-12"))
        #expect(Self.dates(occurrences) == ["2025-11-21", "2025-11-28", "2025-12-05", "2025-12-12"])
        #expect(occurrences.allSatisfy { $0.date.weekday == 5 })
        #expect(occurrences.map(\.index) == [0, 1, 2, 3])
        let fortnightly = try RecurrenceRule(frequency: .weekly, interval: 2, start: Self.day("2025-12-19"))
        #expect(Self.dates(fortnightly.occurrences(through: Self.day("2026-01-30"))) == ["2025-12-19", "2026-01-02", "2026-01-16", "2026-01-30"])
    }

    @Test func monthlyFromTheThirtyFirstKeepsItsAnchor() throws {
        let rule = try RecurrenceRule(frequency: .monthly, start: Self.day("2024-01-31"))
        #expect(Self.dates(rule.occurrences(through: Self.day("2024-06-30"))) == [
            "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
        ])
        let nonLeap = try RecurrenceRule(frequency: .monthly, start: Self.day("2025-01-31"))
        #expect(Self.dates(nonLeap.occurrences(through: Self.day("2025-03-31"))) == ["2025-01-31", "2025-02-28", "2025-03-31"])
        let thirtieth = try RecurrenceRule(frequency: .monthly, interval: 1, start: Self.day("2025-01-30"))
        #expect(Self.dates(thirtieth.occurrences(through: Self.day("2025-04-01"))) == ["2025-01-30", "2025-02-28", "2025-03-30"])
    }

    @Test func monthlyOnADayOfTheMonth() throws {
        // Day 31 of every month: the last day where the month is shorter.
        let rule = try RecurrenceRule(frequency: .monthly, dayOfMonth: 31, start: Self.day("2025-02-01"))
        #expect(Self.dates(rule.occurrences(through: Self.day("2025-05-31"))) == ["2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"])
        // Day 5 from the 10th: this month's 5th has passed, so the first is next month's.
        let fifth = try RecurrenceRule(frequency: .monthly, dayOfMonth: 5, start: Self.day("2025-01-10"))
        let occurrences = fifth.occurrences(through: Self.day("2025-04-05"))
        #expect(Self.dates(occurrences) == ["2025-02-05", "2025-03-05", "2025-04-05"])
        #expect(occurrences.first?.index == 0)
        // Day 15 from the 10th: this month's counts.
        let fifteenth = try RecurrenceRule(frequency: .monthly, dayOfMonth: 15, start: Self.day("2025-01-10"))
        #expect(Self.dates(fifteenth.occurrences(through: Self.day("2025-02-20"))) == ["2025-01-15", "2025-02-15"])
        // The start day itself counts.
        let onStart = try RecurrenceRule(frequency: .monthly, dayOfMonth: 10, start: Self.day("2025-01-10"))
        #expect(Self.dates(onStart.occurrences(through: Self.day("2025-01-10"))) == ["2025-01-10"])
    }

    @Test func monthlyOnTheLastDayAndEveryQuarter() throws {
        let last = try RecurrenceRule(frequency: .monthly, lastDayOfMonth: true, start: Self.day("2023-12-15"))
        #expect(Self.dates(last.occurrences(through: Self.day("2024-04-30"))) == [
            "2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30",
        ])
        let quarterly = try RecurrenceRule(frequency: .monthly, interval: 3, start: Self.day("2025-11-30"))
        #expect(Self.dates(quarterly.occurrences(through: Self.day("2026-12-31"))) == ["2025-11-30", "2026-02-28", "2026-05-30", "2026-08-30", "2026-11-30"])
    }

    @Test func yearlyFromALeapDay() throws {
        let rule = try RecurrenceRule(frequency: .yearly, start: Self.day("2024-02-29"))
        #expect(Self.dates(rule.occurrences(through: Self.day("2028-12-31"))) == [
            "2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29",
        ])
        let century = try RecurrenceRule(frequency: .yearly, interval: 100, start: Self.day("2000-02-29"))
        #expect(Self.dates(century.occurrences(through: Self.day("2400-03-01"))) == ["2000-02-29", "2100-02-28", "2200-02-28", "2300-02-28", "2400-02-29"])
        let biennial = try RecurrenceRule(frequency: .yearly, interval: 2, start: Self.day("2025-06-15"))
        #expect(Self.dates(biennial.occurrences(through: Self.day("2030-01-01"))) == ["2025-06-15", "2027-06-15", "2029-06-15"])
    }

    @Test func anEndDateIsInclusive() throws {
        let rule = try RecurrenceRule(frequency: .weekly, start: Self.day("2025-11-03"), end: Self.day("2025-11-17"))
        #expect(Self.dates(rule.occurrences(through: Self.day("2026-12-31"))) == ["2025-11-03", "2025-11-10", "2025-11-17"])
        let sameDay = try RecurrenceRule(frequency: .daily, start: Self.day("2025-11-03"), end: Self.day("2025-11-03"))
        #expect(Self.dates(sameDay.occurrences(through: Self.day("2026-01-01"))) == ["2025-11-03"])
        #expect(rule.nextOccurrence(after: 2) == nil)
    }

    @Test func aCountEndsTheRule() throws {
        let rule = try RecurrenceRule(frequency: .monthly, start: Self.day("2025-01-31"), count: 3)
        let all = rule.occurrences(through: Self.day("2030-01-01"))
        #expect(Self.dates(all) == ["2025-01-31", "2025-02-28", "2025-03-31"])
        #expect(all.map(\.index) == [0, 1, 2])
        #expect(rule.nextOccurrence(after: 2) == nil)
        #expect(rule.occurrences(after: 2, through: Self.day("2030-01-01")).isEmpty)
        // Count and end together: whichever comes first.
        let both = try RecurrenceRule(frequency: .daily, start: Self.day("2025-01-01"), end: Self.day("2025-01-03"), count: 10)
        #expect(both.occurrences(through: Self.day("2025-12-31")).count == 3)
        let once = try RecurrenceRule(frequency: .yearly, start: Self.day("2025-01-01"), count: 1)
        #expect(Self.dates(once.occurrences(through: Self.day("2099-12-31"))) == ["2025-01-01"])
    }

    @Test func continuingAfterTheLastMaterialisedIndex() throws {
        let rule = try RecurrenceRule(frequency: .monthly, start: Self.day("2025-01-31"))
        // First run on 15 March: January and February are due.
        let firstRun = rule.occurrences(after: nil, through: Self.day("2025-03-15"))
        #expect(firstRun.map(\.description) == ["#0 2025-01-31", "#1 2025-02-28"])
        // Next run on 1 June: what came after index 1.
        let secondRun = rule.occurrences(after: firstRun.last?.index, through: Self.day("2025-06-01"))
        #expect(secondRun.map(\.description) == ["#2 2025-03-31", "#3 2025-04-30", "#4 2025-05-31"])
        // A run with nothing new due.
        #expect(rule.occurrences(after: 4, through: Self.day("2025-06-29")).isEmpty)
        // Same dates whether listed at once or in pieces.
        #expect(firstRun + secondRun == rule.occurrences(through: Self.day("2025-06-01")))
        #expect(rule.nextOccurrence(after: 4) == Occurrence(index: 5, date: Self.day("2025-06-30")))
        #expect(rule.nextOccurrence(after: nil) == Occurrence(index: 0, date: Self.day("2025-01-31")))
    }

    @Test func nothingBeforeTheStartAndNoRunawayWork() throws {
        let rule = try RecurrenceRule(frequency: .daily, start: Self.day("2025-06-01"))
        #expect(rule.occurrences(through: Self.day("2025-05-31")).isEmpty)
        #expect(rule.occurrences(after: Int.max, through: Self.day("2025-12-31")).isEmpty)
        #expect(rule.occurrences(after: Int.max - 1, through: Self.day("9999-12-31")).isEmpty)
        #expect(rule.nextOccurrence(after: Int.max) == nil)
        #expect(rule.occurrences(after: -5, through: Self.day("2025-06-02")).map(\.index) == [0, 1])
        // Up to the last representable day: the list ends there instead of running on.
        let yearly = try RecurrenceRule(frequency: .yearly, interval: 366, start: Self.day("9000-01-01"))
        #expect(Self.dates(yearly.occurrences(through: Self.day("9999-12-31"))) == ["9000-01-01", "9366-01-01", "9732-01-01"])
        #expect(yearly.nextOccurrence(after: 2) == nil)
        let lastDay = try RecurrenceRule(frequency: .monthly, lastDayOfMonth: true, start: Self.day("9999-11-15"))
        #expect(Self.dates(lastDay.occurrences(through: Self.day("9999-12-31"))) == ["9999-11-30", "9999-12-31"])
        #expect(lastDay.nextOccurrence(after: 1) == nil)
        let daily = try RecurrenceRule(frequency: .daily, start: Self.day("0001-01-01"))
        #expect(daily.occurrences(after: 3_652_000, through: Self.day("9999-12-31")).count == 58)
    }

    @Test func validationRefusesBadRules() {
        let start = Self.day("2025-01-31")
        #expect(throws: RecurrenceRuleError.intervalOutOfRange(0)) { try RecurrenceRule(frequency: .daily, interval: 0, start: start) }
        #expect(throws: RecurrenceRuleError.intervalOutOfRange(367)) { try RecurrenceRule(frequency: .weekly, interval: 367, start: start) }
        #expect(throws: RecurrenceRuleError.dayOfMonthOutOfRange(0)) { try RecurrenceRule(frequency: .monthly, dayOfMonth: 0, start: start) }
        #expect(throws: RecurrenceRuleError.dayOfMonthOutOfRange(32)) { try RecurrenceRule(frequency: .monthly, dayOfMonth: 32, start: start) }
        #expect(throws: RecurrenceRuleError.dayOfMonthAndLastDayOfMonth) {
            try RecurrenceRule(frequency: .monthly, dayOfMonth: 15, lastDayOfMonth: true, start: start)
        }
        #expect(throws: RecurrenceRuleError.monthDayWithoutMonthlyFrequency(.weekly)) {
            try RecurrenceRule(frequency: .weekly, dayOfMonth: 15, start: start)
        }
        #expect(throws: RecurrenceRuleError.monthDayWithoutMonthlyFrequency(.yearly)) {
            try RecurrenceRule(frequency: .yearly, lastDayOfMonth: true, start: start)
        }
        #expect(throws: RecurrenceRuleError.endBeforeStart(start: start, end: Self.day("2025-01-30"))) {
            try RecurrenceRule(frequency: .daily, start: start, end: Self.day("2025-01-30"))
        }
        #expect(throws: RecurrenceRuleError.countBelowOne(0)) { try RecurrenceRule(frequency: .daily, start: start, count: 0) }
        // The limits themselves are fine.
        #expect((try? RecurrenceRule(frequency: .daily, interval: 366, start: start, end: start, count: 1)) != nil)
        #expect((try? RecurrenceRule(frequency: .monthly, dayOfMonth: 31, start: start)) != nil)
        let error = RecurrenceRuleError.intervalOutOfRange(0)
        #expect(error.code == .badUserInput && error.field == "interval")
    }

    @Test func aRuleSurvivesJSONAndABadStoredRuleIsRefused() throws {
        let rule = try RecurrenceRule(frequency: .monthly, interval: 2, lastDayOfMonth: true, start: Self.day("2025-01-15"), count: 12)
        let data = try JSONEncoder().encode(rule)
        #expect(try JSONDecoder().decode(RecurrenceRule.self, from: data) == rule)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"MONTHLY\""))
        let bad = Data(#"{"frequency":"WEEKLY","interval":0,"start":{"year":2025,"month":1,"day":1}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RecurrenceRule.self, from: bad) }
        let minimal = Data(#"{"frequency":"DAILY","start":{"year":2025,"month":1,"day":1}}"#.utf8)
        let decoded = try JSONDecoder().decode(RecurrenceRule.self, from: minimal)
        #expect(decoded.interval == 1 && decoded.lastDayOfMonth == false && decoded.count == nil)
    }
}
