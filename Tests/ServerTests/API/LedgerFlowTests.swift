import Domain
import Foundation
import GraphQLEngine
import PostgresNIO
import Testing
import TestSupport

/// The ledger over HTTP: accounts, transactions, search, dashboard, imports, export and conversion, and the number of
/// SQL statements a page of transactions costs.
@Suite struct LedgerFlowTests {
    /// A signed-up owner, a business workspace and a checking account made through the API.
    struct Books {
        let owner: TestUser
        let workspace: UUID
        let account: String
        let access: WorkspaceAccess
    }

    static func books(_ client: GraphQLClient, currency: String = "USD") async throws -> Books {
        let owner = try await client.signUp("books")
        try await client.promote(owner)
        let workspace = try await client.createWorkspace(owner, name: "Ledger books")
        _ = try await client.post(
            "mutation($w: ID!, $c: String!) { setWorkspaceSetting(workspaceId: $w, key: \"currency\", value: $c) { key } }",
            variables: ["w": .string(workspace.apiIDForTests), "c": .string(currency)], token: owner.token)
        let created = try await client.post(
            """
            mutation($w: ID!) { createAccount(workspaceId: $w, input: {name: "Checking", kind: CHECKING, currency: \"\(currency)\", openingBalance: "1000.00", openingDate: "2026-01-01"}) { id } }
            """, variables: ["w": .string(workspace.apiIDForTests)], token: owner.token)
        guard let account = created.data("createAccount", "id").stringValue else { throw FixtureError(description: created.body) }
        guard let access = try await client.services.tenancy.access(userID: owner.id, workspaceID: workspace) else {
            throw FixtureError(description: "no access to the new workspace")
        }
        return Books(owner: owner, workspace: workspace, account: account, access: access)
    }

    static func categoryID(_ client: GraphQLClient, _ books: Books, key: String) async throws -> String {
        let categories = try await client.services.ledger.categories(books.access)
        guard let category = categories.first(where: { $0.key == key }) else { throw FixtureError(description: "no category \(key)") }
        return category.id.uuidString.lowercased()
    }

    @Test func transactionsAreRecordedSearchedAndSummarisedOverHTTP() async throws {
        try await APIHarness.withServer { client in
            let books = try await Self.books(client)
            let groceries = try await Self.categoryID(client, books, key: "FOOD_AND_DRINK_GROCERIES")
            let household = try await Self.categoryID(client, books, key: "HOME_IMPROVEMENT_HARDWARE")
            let w = GraphQLValue.string(books.workspace.apiIDForTests)
            let created = try await client.post(
                """
                mutation($w: ID!, $i: TransactionInput!) {
                  createTransaction(workspaceId: $w, input: $i) {
                    id kind amount { amount currency } category { id } tags { name }
                    splits { amount { amount } category { id } memo } account { name balance(at: "2026-12-31") { amount } }
                  }
                }
                """,
                variables: ["w": w, "i": [
                    "kind": .string("EXPENSE"), "accountId": .string(books.account), "date": .string("2026-05-04"), "amount": .string("80.40"),
                    "payee": .string("Hardware & Food Co"), "tags": .list([.string("weekly"), .string("home")]),
                    "splits": .list([
                        ["categoryId": .string(groceries), "amount": .string("50.40")],
                        ["categoryId": .string(household), "amount": .string("30"), "memo": .string("hooks")],
                    ]),
                ]], token: books.owner.token)
            #expect(created.errors.isEmpty, "\(created.body)")
            #expect(created.data("createTransaction", "amount", "amount").stringValue == "-80.40")
            #expect(created.data("createTransaction", "category") == .null)
            #expect(created.data("createTransaction", "tags").listValue.compactMap { $0["name"]?.stringValue } == ["home", "weekly"])
            #expect(created.data("createTransaction", "splits").listValue.compactMap { $0["amount"]?["amount"]?.stringValue } == ["-50.40", "-30.00"])
            #expect(created.data("createTransaction", "account", "balance", "amount").stringValue == "919.60")

            // Bad input: a clear error naming the field, and nothing written.
            let unknown = try await client.post(
                "mutation($w: ID!) { createTransaction(workspaceId: $w, input: {kind: INCOME, accountId: \"\(books.account)\", date: \"2026-05-05\", amount: \"10\", categoryId: \"\(UUID().uuidString)\"}) { id } }",
                variables: ["w": w], token: books.owner.token)
            #expect(unknown.codes == ["NOT_FOUND"] && unknown.errors.first?["extensions"]?["field"]?.stringValue == "categoryId", "\(unknown.body)")
            let badAmount = try await client.post(
                "mutation($w: ID!) { createTransaction(workspaceId: $w, input: {kind: INCOME, accountId: \"\(books.account)\", date: \"2026-05-05\", amount: \"1.5e3\"}) { id } }",
                variables: ["w": w], token: books.owner.token)
            // Literals of our scalars are judged at validation, before anything runs.
            #expect(badAmount.codes == ["GRAPHQL_VALIDATION_FAILED"] && badAmount.body.contains("Decimal must be"), "\(badAmount.body)")
            let badDate = try await client.post(
                "mutation($w: ID!) { createTransaction(workspaceId: $w, input: {kind: INCOME, accountId: \"\(books.account)\", date: \"2026-02-30\", amount: \"1\"}) { id } }",
                variables: ["w": w], token: books.owner.token)
            #expect(badDate.codes == ["GRAPHQL_VALIDATION_FAILED"] && badDate.body.contains("Date must be"), "\(badDate.body)")
            let badVariable = try await client.post(
                "mutation($w: ID!, $d: Date!) { createTransaction(workspaceId: $w, input: {kind: INCOME, accountId: \"\(books.account)\", date: $d, amount: \"1\"}) { id } }",
                variables: ["w": w, "d": .string("yesterday")], token: books.owner.token)
            #expect(badVariable.codes == ["BAD_USER_INPUT"], "\(badVariable.body)")
            #expect(try await client.services.ledger.countTransactions(books.access, filter: TransactionFilter()) == 1, "nothing written by bad input")

            _ = try await client.post(
                "mutation($w: ID!) { createTransaction(workspaceId: $w, input: {kind: INCOME, accountId: \"\(books.account)\", date: \"2026-05-01\", amount: \"3000\", payee: \"Employer\"}) { id } }",
                variables: ["w": w], token: books.owner.token)
            let search = try await client.post(
                """
                query($w: ID!) { workspace(id: $w) {
                  transactions(filter: {from: "2026-05-01", to: "2026-05-31", kinds: [EXPENSE]}, first: 10) {
                    totalCount totals { count income { amount } expenses { amount } net { amount } } edges { node { payee } }
                  }
                  dashboard(from: "2026-05-01", to: "2026-05-31") {
                    totals { income { amount } expenses { amount } net { amount } savingsRate }
                    previous { expenses { amount } }
                    byCategory(topLevel: true) { category { key } amount { amount } share }
                    byMonth { month expenses { amount } }
                    byMerchant { payee amount { amount } }
                    recentTransactions(first: 5) { payee }
                  }
                  exportTransactions(detailed: true)
                } }
                """, variables: ["w": w], token: books.owner.token)
            #expect(search.errors.isEmpty, "\(search.body)")
            #expect(search.data("workspace", "transactions", "totalCount") == .int(1))
            #expect(search.data("workspace", "transactions", "totals", "expenses", "amount").stringValue == "80.40")
            #expect(search.data("workspace", "dashboard", "totals", "net", "amount").stringValue == "2919.60")
            #expect(search.data("workspace", "dashboard", "totals", "savingsRate") == .float(97.3))
            #expect(search.data("workspace", "dashboard", "byCategory").listValue.compactMap { $0["category"]?["key"]?.stringValue }
                    == ["FOOD_AND_DRINK", "HOME_IMPROVEMENT"])
            #expect(search.data("workspace", "dashboard", "recentTransactions").listValue.count == 2)
            let csv = search.data("workspace", "exportTransactions").stringValue ?? ""
            #expect(csv.components(separatedBy: "\r\n").filter { $0.contains("Hardware & Food Co") }.count == 2, "one record per split line: \(csv)")
        }
    }

    @Test func aPageOfOneHundredRunsAsManyStatementsAsAPageOfTen() async throws {
        try await APIHarness.withServer { client in
            let books = try await Self.books(client)
            let ledger = client.services.ledger
            guard let accountID = UUID(uuidString: books.account) else { throw FixtureError(description: "bad account id") }
            let second = try await ledger.createAccount(books.access, AccountInput(name: "Card", kind: .creditCard, currency: "USD"))
            let categories = try await ledger.categories(books.access).filter { $0.parentID != nil && $0.kind == .expense }
            for index in 0..<100 {
                let split = index % 3 == 0
                _ = try await ledger.createTransaction(books.access, TransactionInput(
                    kind: .expense, accountID: index % 2 == 0 ? accountID : second.id, date: CalendarDate(iso: "2026-03-\(10 + index % 18)"),
                    amount: "\(10 + index).00", payee: "Shop \(index % 7)", categoryID: split ? nil : categories[index % categories.count].id,
                    splits: split ? [SplitInput(categoryID: categories[index % 5].id, amount: "5"),
                                     SplitInput(categoryID: categories[(index + 1) % 9].id, amount: "\(5 + index).00")] : nil,
                    tags: ["tag-\(index % 4)", "all"]))
            }
            let query = """
                query($w: ID!, $n: Int!) { workspace(id: $w) { transactions(first: $n) { edges { node {
                  id amount { amount currency } account { name currency } category { name parent { name } }
                  tags { name } splits { amount { amount } category { name parent { name } } }
                } } } } }
                """
            let role = books.access.workspace.schema.rawValue
            func statements() async throws -> Int {
                let rows = try await client.services.database.client.query(
                    "SELECT coalesce(sum(calls), 0)::int8 FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = \(role))",
                    logger: client.services.logger)
                var total = 0
                for try await value in rows.decode(Int64.self) { total = Int(value) }
                return total
            }
            guard (try? await statements()) != nil else {
                Issue.record("pg_stat_statements is not available: restart the stack (scripts/stack.sh stop; scripts/stack.sh start)")
                return
            }
            var counts: [Int: Int] = [:]
            for size in [10, 100] {
                let before = try await statements()
                let page = try await client.post(query, variables: ["w": .string(books.workspace.apiIDForTests), "n": .int(size)], token: books.owner.token)
                counts[size] = try await statements() - before
                #expect(page.errors.isEmpty, "\(page.body)")
                let nodes = page.data("workspace", "transactions", "edges").listValue.compactMap { $0["node"] }
                #expect(nodes.count == size)
                #expect(nodes.allSatisfy { $0["account"]?["name"]?.stringValue != nil && $0["tags"]?.listValue.count == 2 })
                #expect(nodes.allSatisfy { node in
                    node["category"]?["parent"]?["name"]?.stringValue != nil || node["splits"]?.listValue.count == 2
                })
            }
            #expect(counts[10] == counts[100], "statements for 10 and 100 transactions: \(counts)")
            #expect((counts[10] ?? 0) > 0, "the workspace's statements are counted: \(counts)")
            print("N+1 check: statements per page of 10 = \(counts[10] ?? -1), of 100 = \(counts[100] ?? -1)")
        }
    }

    @Test func aStatementIsUploadedPreviewedAndCommittedOnceOverHTTP() async throws {
        try await APIHarness.withServer { client in
            let books = try await Self.books(client)
            let w = GraphQLValue.string(books.workspace.apiIDForTests)
            let file = "Datum;Empfänger;Betrag\n01.10.2026;Bäckerei;-3,20\n02.10.2026;Arbeitgeber;1.234,56\n"
            var added: [Int] = []
            for _ in 0..<2 {
                let upload = try await client.post(
                    "mutation($w: ID!, $c: String!) { uploadImport(workspaceId: $w, fileName: \"konto.csv\", content: $c) { id format status } }",
                    variables: ["w": w, "c": .string(file)], token: books.owner.token)
                let id = try #require(upload.data("uploadImport", "id").stringValue, "\(upload.body)")
                let preview = try await client.post(
                    """
                    query($w: ID!, $i: ID!, $a: ID!) { workspace(id: $w) { importPreview(importId: $i, accountId: $a) {
                      format rowCount duplicateCount mapping { delimiter dateFormat decimalSeparator } sample { line amount payee duplicate } error { line }
                    } } }
                    """, variables: ["w": w, "i": .string(id), "a": .string(books.account)], token: books.owner.token)
                #expect(preview.data("workspace", "importPreview", "mapping", "delimiter").stringValue == ";", "\(preview.body)")
                #expect(preview.data("workspace", "importPreview", "sample").listValue.compactMap { $0["amount"]?.stringValue } == ["-3.20", "1234.56"])
                let commit = try await client.post(
                    "mutation($w: ID!, $i: ID!, $a: ID!) { commitImport(workspaceId: $w, importId: $i, accountId: $a) { addedCount duplicateCount status } }",
                    variables: ["w": w, "i": .string(id), "a": .string(books.account)], token: books.owner.token)
                #expect(commit.data("commitImport", "status").stringValue == "COMMITTED", "\(commit.body)")
                added.append(commit.data("commitImport", "addedCount").intValue ?? -1)
            }
            #expect(added == [2, 0])

            // Large files go as the raw body of POST /workspaces/{id}/imports.
            let path = "/workspaces/\(books.workspace.apiIDForTests)/imports?fileName=big.csv"
            let raw = try await client.raw(method: .post, uri: path, body: file + "03.10.2026;Kiosk;-1,00\n", token: books.owner.token, accept: nil, contentType: "text/csv")
            #expect(raw.status == .created, "\(raw.body)")
            let rawID = try #require(raw.json["id"]?.stringValue)
            #expect(raw.json["format"]?.stringValue == "CSV")
            let commit = try await client.post(
                "mutation($w: ID!, $i: ID!, $a: ID!) { commitImport(workspaceId: $w, importId: $i, accountId: $a) { addedCount duplicateCount } }",
                variables: ["w": w, "i": .string(rawID), "a": .string(books.account)], token: books.owner.token)
            #expect(commit.data("commitImport", "addedCount") == .int(1) && commit.data("commitImport", "duplicateCount") == .int(2), "\(commit.body)")
            let anonymous = try await client.raw(method: .post, uri: path, body: file, accept: nil, contentType: "text/csv")
            #expect(anonymous.status == .unauthorized)
            let stranger = try await client.signUp("stranger")
            let foreign = try await client.raw(method: .post, uri: path, body: file, token: stranger.token, accept: nil, contentType: "text/csv")
            #expect(foreign.status == .notFound && !foreign.body.contains("Ledger books"))
            let viewer = try await client.signUp("viewer")
            try await client.addMember(viewer, to: books.workspace, role: .viewer)
            let readOnly = try await client.raw(method: .post, uri: path, body: file, token: viewer.token, accept: nil, contentType: "text/csv")
            #expect(readOnly.status == .forbidden, "\(readOnly.body)")
        }
    }

    @Test func convertUsesTheReferenceRateOfTheDay() async throws {
        try await APIHarness.withServer { client in
            let user = try await client.signUp("fx")
            _ = try await client.services.ledger.rates.importRates([
                FXRate(day: CalendarDate(iso: "2032-02-02")!, base: Currency(code: "EUR")!, quote: Currency(code: "JPY")!, rate: ExactDecimal("160.5")!),
            ])
            let converted = try await client.post(
                "{ convert(amount: \"10.01\", from: \"EUR\", to: \"JPY\", date: \"2032-02-03\") { amount currency } }", token: user.token)
            // 10.01 × 160.5 = 1606.605 → 1607 yen (JPY has no minor unit).
            #expect(converted.data("convert", "amount").stringValue == "1607" && converted.data("convert", "currency").stringValue == "JPY", "\(converted.body)")
            let missing = try await client.post("{ convert(amount: \"1\", from: \"EUR\", to: \"JPY\", date: \"2032-03-01\") { amount } }", token: user.token)
            #expect(missing.codes == ["NOT_FOUND"] || missing.codes == ["BAD_USER_INPUT"], "\(missing.body)")
            let anonymous = try await client.post("{ convert(amount: \"1\", from: \"EUR\", to: \"JPY\") { amount } }")
            #expect(anonymous.codes == ["UNAUTHENTICATED"])
        }
    }
}

extension GraphQLValue {
    var intValue: Int? { if case .int(let value) = self { value } else { nil } }
}
