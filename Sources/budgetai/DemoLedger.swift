import Domain
import Foundation

/// Twelve months of believable money for the demo workspaces, up to today: accounts, recurring bills and salary,
/// day-to-day spending, transfers, and budgets. Deterministic (a seeded generator), so every machine gets the same
/// books; written through the ledger service, so the data passes every check real input does.
struct DemoLedger {
    let ledger: LedgerService
    let budgets: BudgetService
    let today: CalendarDate

    /// A small deterministic generator (SplitMix64), so the demo is the same everywhere.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        /// An amount in cents between two whole amounts, as a Decimal string.
        mutating func amount(_ low: Int, _ high: Int) -> String { MinorUnits.format(Int64(int(low * 100...high * 100)), exponent: 2) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    }

    var start: CalendarDate { today.startOfMonth.adding(months: -11) }

    /// Seeds a personal workspace; returns how many transactions it wrote. Does nothing when it has accounts already.
    func seedPersonal(_ access: WorkspaceAccess) async throws -> Int {
        guard try await ledger.accounts(access, includeArchived: true).isEmpty else { return 0 }
        let categories = try await categoryIDs(access)
        let opening = start.adding(days: -1)
        let checking = try await ledger.createAccount(access, AccountInput(name: "Everyday checking", kind: .checking, currency: "USD", openingBalance: "2400.00", openingDate: opening))
        let savings = try await ledger.createAccount(access, AccountInput(name: "Savings", kind: .savings, currency: "USD", openingBalance: "8000.00", openingDate: opening))
        let card = try await ledger.createAccount(access, AccountInput(name: "Visa card", kind: .creditCard, currency: "USD", openingBalance: "0", openingDate: opening))
        let cash = try await ledger.createAccount(access, AccountInput(name: "Wallet", kind: .cash, currency: "USD", openingBalance: "60.00", openingDate: opening))
        let bills: [(String, TransactionKind, String, String, Int?, Account)] = [
            ("Acme Corp payroll", .income, "4850.00", "INCOME_WAGES", 25, checking),
            ("Maple Street Apartments", .expense, "1650.00", "RENT_AND_UTILITIES_RENT", 1, checking),
            ("City Power & Gas", .expense, "92.40", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY", 15, checking),
            ("FiberNet", .expense, "59.99", "RENT_AND_UTILITIES_INTERNET_AND_CABLE", 9, checking),
            ("Mobile Co", .expense, "35.00", "RENT_AND_UTILITIES_TELEPHONE", 12, card),
            ("Fit Club", .expense, "42.00", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS", 3, card),
            ("StreamFlix", .expense, "15.49", "ENTERTAINMENT_TV_AND_MOVIES", 18, card),
        ]
        for (payee, kind, amount, category, day, account) in bills {
            _ = try await ledger.createRecurringRule(access, RecurringInput(
                accountID: account.id, kind: kind, amount: amount, payee: payee, categoryID: categories[category], frequency: .monthly,
                dayOfMonth: day, start: start.adding(days: (day ?? 1) - 1)))
        }
        var count = try await ledger.materializeRecurring(access, through: today).count
        var random = Generator(state: 2026)
        var day = start
        while day <= today {
            // Groceries twice a week, coffee most weekdays, restaurants at weekends, fuel and transit now and then.
            if day.weekday == 2 || day.weekday == 6 {
                try await spend(access, card, random.amount(38, 142), day, random.pick(["Green Market", "FreshCo", "Corner Grocer"]), categories["FOOD_AND_DRINK_GROCERIES"])
                count += 1
            }
            if day.weekday <= 5 && random.int(0...9) < 5 {
                try await spend(access, random.int(0...3) == 0 ? cash : card, random.amount(3, 7), day, random.pick(["Bean There", "Daily Grind"]), categories["FOOD_AND_DRINK_COFFEE"])
                count += 1
            }
            if day.weekday >= 6 && random.int(0...2) == 0 {
                try await spend(access, card, random.amount(22, 96), day, random.pick(["Trattoria Roma", "Sushi Bar Kai", "The Burger Joint", "Thai Garden"]), categories["FOOD_AND_DRINK_RESTAURANT"])
                count += 1
            }
            if day.day == 7 || day.day == 21 {
                try await spend(access, card, random.amount(38, 72), day, "Shell", categories["TRANSPORTATION_GAS"])
                try await spend(access, checking, "30.00", day, "Metro transit", categories["TRANSPORTATION_PUBLIC_TRANSIT"])
                count += 2
            }
            if random.int(0...19) == 0 {
                try await spend(access, card, random.amount(15, 180), day, random.pick(["Online Marketplace", "Book Nook", "Outdoor Outfitters", "Pharmacy Plus"]),
                                random.pick([categories["GENERAL_MERCHANDISE_ONLINE_MARKETPLACES"], categories["GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"], categories["MEDICAL_PHARMACIES_AND_SUPPLEMENTS"]]))
                count += 1
            }
            if day.day == 28 {
                // Pay the card off and put money aside.
                _ = try await ledger.createTransfer(access, TransferInput(fromAccountID: checking.id, toAccountID: card.id, date: day, amount: random.amount(1100, 1500), description: "Card payment"))
                _ = try await ledger.createTransfer(access, TransferInput(fromAccountID: checking.id, toAccountID: savings.id, date: day, amount: "400.00", description: "Monthly savings"))
                count += 4
            }
            day = day.adding(days: 1)
        }
        // One summer trip, split between flights and lodging.
        let trip = start.adding(months: 7).adding(days: 10)
        if trip <= today {
            _ = try await ledger.createTransaction(access, TransactionInput(
                kind: .expense, accountID: card.id, date: trip, amount: "1284.60", payee: "Sunny Travel", description: "Lisbon trip",
                splits: [SplitInput(categoryID: categories["TRAVEL_FLIGHTS"], amount: "612.30"), SplitInput(categoryID: categories["TRAVEL_LODGING"], amount: "672.30")],
                tags: ["vacation"]))
            count += 1
        }
        for (name, category, period, amount, rollover) in [
            ("Groceries", categories["FOOD_AND_DRINK_GROCERIES"], BudgetPeriodKind.monthly, "650", true),
            ("Eating out", categories["FOOD_AND_DRINK_RESTAURANT"], .monthly, "250", false),
            ("Everything", nil, .monthly, "4200", false),
            ("Travel", categories["TRAVEL"], .yearly, "2500", false),
        ] {
            _ = try await budgets.createBudget(access, BudgetInput(
                name: name, categoryID: .some(category), period: period, anchor: start, amount: amount,
                rollover: rollover, rolloverCap: rollover ? .some("100") : nil), today: today)
        }
        try await budgets.recordThresholdCrossings(access, dates: Set((0..<12).map { start.adding(months: $0) }), today: today)
        return count
    }

    /// Seeds the business workspace; `members` are the accesses of its people, who each record some of the spending.
    func seedBusiness(_ access: WorkspaceAccess, members: [WorkspaceAccess]) async throws -> Int {
        guard try await ledger.accounts(access, includeArchived: true).isEmpty else { return 0 }
        let categories = try await categoryIDs(access)
        let software = try await ledger.createCategory(access, name: "Software subscriptions", kind: nil, parentID: categories["GENERAL_SERVICES"])
        let opening = start.adding(days: -1)
        let bank = try await ledger.createAccount(access, AccountInput(name: "Business checking", kind: .checking, currency: "USD", openingBalance: "15000.00", openingDate: opening))
        let card = try await ledger.createAccount(access, AccountInput(name: "Company card", kind: .creditCard, currency: "USD", openingBalance: "0", openingDate: opening))
        for (payee, amount, category, day) in [
            ("Hive Coworking", "900.00", categories["RENT_AND_UTILITIES_RENT"], 1), ("Design Suite Pro", "79.00", software.id, 5),
            ("CloudDocs", "24.00", software.id, 11), ("Ledger & Co accountants", "250.00", categories["GENERAL_SERVICES_ACCOUNTING_AND_FINANCIAL_PLANNING"], 20),
        ] {
            _ = try await ledger.createRecurringRule(access, RecurringInput(
                accountID: day == 1 || day == 20 ? bank.id : card.id, kind: .expense, amount: amount, payee: payee, categoryID: category,
                frequency: .monthly, dayOfMonth: day, start: start.adding(days: day - 1)))
        }
        var count = try await ledger.materializeRecurring(access, through: today).count
        var random = Generator(state: 7)
        var month = start
        while month <= today {
            for _ in 0..<random.int(2...4) {
                let day = month.adding(days: random.int(0...26))
                guard day <= today else { continue }
                _ = try await ledger.createTransaction(access, TransactionInput(
                    kind: .income, accountID: bank.id, date: day, amount: random.amount(1500, 6200),
                    payee: random.pick(["Northwind Traders", "Globex", "Initech", "Umbrella Studio"]), description: "Invoice",
                    categoryID: categories["INCOME_OTHER_INCOME"], status: day.days(until: today) < 5 ? .pending : .cleared))
                count += 1
            }
            for _ in 0..<random.int(3...6) {
                let day = month.adding(days: random.int(0...26))
                guard day <= today else { continue }
                let member = random.pick(members)
                _ = try await ledger.createTransaction(member, TransactionInput(
                    kind: .expense, accountID: card.id, date: day, amount: random.amount(12, 420),
                    payee: random.pick(["Office Depot", "Rail Europe", "Airport Taxi", "Hotel Central", "Print Shop"]),
                    categoryID: random.pick([categories["GENERAL_MERCHANDISE_OFFICE_SUPPLIES"], categories["TRAVEL_LODGING"], categories["TRANSPORTATION_TAXIS_AND_RIDE_SHARES"], categories["TRAVEL_FLIGHTS"]]),
                    tags: [random.pick(["client-northwind", "client-globex", "internal"])]))
                count += 1
            }
            month = month.adding(months: 1)
        }
        _ = try await budgets.createBudget(access, BudgetInput(name: "Software", categoryID: .some(software.id), period: .monthly, anchor: start, amount: "150"), today: today)
        _ = try await budgets.createBudget(access, BudgetInput(name: "Travel", categoryID: .some(categories["TRAVEL"]), period: .quarterly, anchor: start, amount: "1500", thresholds: [50, 80, 100]), today: today)
        try await budgets.recordThresholdCrossings(access, dates: Set((0..<12).map { start.adding(months: $0) }), today: today)
        return count
    }

    private func spend(_ access: WorkspaceAccess, _ account: Account, _ amount: String, _ day: CalendarDate, _ payee: String, _ category: UUID?) async throws {
        _ = try await ledger.createTransaction(access, TransactionInput(
            kind: .expense, accountID: account.id, date: day, amount: amount, payee: payee, categoryID: category,
            status: day.days(until: today) < 3 ? .pending : .cleared))
    }

    private func categoryIDs(_ access: WorkspaceAccess) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for category in try await ledger.categories(access) { if let key = category.key { ids[key] = category.id } }
        return ids
    }
}
