import Domain
import Testing

extension LedgerImport {
    @Suite struct QIFImportTests {
        static let dayFirstWithSplits = """
            !Account
            NEveryday Account
            TBank
            ^
            !Type:Cat
            NGroceries
            E
            ^
            !Type:Bank
            D31/01/2024
            T-1,234.56
            PHausverwaltung Müller
            MRent January
            LHousing:Rent
            ^
            D02/02/2024
            U-45.10
            T-45.10
            N1042
            PSupermarket
            LFood
            SFood:Groceries
            $-30.10
            EWeekly shop
            SHousehold
            $-15.00
            ^
            D15/02/2024
            T500.00
            PTransfer from savings
            L[Savings]
            ^
            !Option:AutoSwitch
            !Type:CCard
            D03/02'24
            T-12.00
            PCoffee Shop
            C*
            ^

            """

        @Test func dayFirstFileWithSplitsAndOtherSections() throws {
            let rows = try QIFImport.parse(Self.dayFirstWithSplits)
            #expect(rows == [
                ImportedRow(line: 10, date: LedgerImport.day("2024-01-31"), amount: "-1234.56", payee: "Hausverwaltung Müller",
                            memo: "Rent January", category: "Housing:Rent"),
                ImportedRow(line: 16, date: LedgerImport.day("2024-02-02"), amount: "-45.10", payee: "Supermarket",
                            category: "Food"),
                ImportedRow(line: 28, date: LedgerImport.day("2024-02-15"), amount: "500.00", payee: "Transfer from savings"),
                ImportedRow(line: 35, date: LedgerImport.day("2024-02-03"), amount: "-12.00", payee: "Coffee Shop"),
            ])
        }

        @Test func undecidableDatesAreReadMonthFirstUnlessToldOtherwise() throws {
            let text = "!Type:Bank\r\nD1/05/2024\r\nT-20.00\r\nPGas\r\n^\r\nD1/06'24\r\nT1,000.00\r\nPPaycheck\r\n^\r\n"
            #expect(try QIFImport.parse(text).map(\.date.iso) == ["2024-01-05", "2024-01-06"])
            #expect(try QIFImport.parse(text, dayFirst: true).map(\.date.iso) == ["2024-05-01", "2024-06-01"])
            #expect(try QIFImport.parse(text).map(\.amount) == ["-20.00", "1000.00"])
            #expect(try QIFImport.parse(text).map(\.line) == [2, 6])
        }

        @Test(arguments: [
            ("1/31/2024", "2024-01-31"), ("1/31'24", "2024-01-31"), (" 1/ 5'04", "2004-01-05"), ("01-31-2024", "2024-01-31"),
            ("2024-01-31", "2024-01-31"), ("12/31/99", "1999-12-31"), ("20240131", "2024-01-31"), ("1.31.2024", "2024-01-31"),
        ])
        func dateSpellings(text: String, iso: String) throws {
            #expect(try QIFImport.parse("!Type:Cash\nD\(text)\nT1\n^\n").first?.date.iso == iso)
        }

        @Test func europeanAmountsAndOtherAccountTypes() throws {
            let text = "!Type:Oth L\nD31.01.2024\nT-12,50\n^\n!Type:Oth A\nD01.02.2024\nT1.234,56\n^\n"
            let rows = try QIFImport.parse(text)
            #expect(rows.map(\.amount) == ["-12.50", "1234.56"])
            #expect(rows.map(\.date.iso) == ["2024-01-31", "2024-02-01"])
        }

        @Test func investmentAndMemorisedSectionsAreSkipped() throws {
            let text = "!Type:Invst\nD1/2/2024\nNBuy\nYACME\nI10\nQ5\nT50.00\n^\n!Type:Memorized\nKC\nT-9.99\nPNetflix\n^\n!Type:Bank\nD1/3/2024\nT-1\n^\n"
            #expect(try QIFImport.parse(text).map(\.line) == [15])
        }

        @Test func fileWithoutTypeHeaderIsReadAsABankRegister() throws {
            #expect(try QIFImport.parse("D1/3/2024\nT-1\nPX\n^").map(\.payee) == ["X"])
        }

        @Test func recordWithoutAmountNamesTheLineWhereItStarts() {
            let text = "!Type:Bank\nD31/01/2024\nT-1.00\n^\nD01/02/2024\nPNo amount\nMmemo\n^\n"
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try QIFImport.parse(text) }
            #expect(error == ImportFormatError(line: 5, message: "line 5: the transaction has no T (amount) line"))
        }

        @Test func recordWithoutDateNamesTheLineWhereItStarts() {
            let text = "!Type:Bank\nD1/31/2024\nT-1.00\n^\n\nPNo date\nT-2.00\n^\n"
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try QIFImport.parse(text) }
            #expect(error == ImportFormatError(line: 6, message: "line 6: the transaction has no D (date) line"))
        }

        @Test func badDateAndBadAmountNameTheirLines() {
            let badDate = "!Type:Bank\nD1/31/2024\nT-1.00\n^\nD2/30/2024\nT-2.00\n^\n"
            #expect(LedgerImport.importError { () throws(ImportFormatError) in _ = try QIFImport.parse(badDate) }
                == ImportFormatError(line: 5, message: "line 5: date \"2/30/2024\" is not a month/day/year date"))
            let badAmount = "!Type:Bank\nD1/31/2024\nT-1.0O\n^\n"
            #expect(LedgerImport.importError { () throws(ImportFormatError) in _ = try QIFImport.parse(badAmount) }
                == ImportFormatError(line: 3, message: "line 3: amount \"-1.0O\" is not a number"))
        }

        @Test func contradictoryDateOrdersAreRefused() {
            let text = "!Type:Bank\nD01/13/2024\nT-1\n^\nD13/01/2024\nT-2\n^\n"
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try QIFImport.parse(text) }
            #expect(error?.line == 5)
            #expect(error?.message.contains("\"01/13/2024\" on line 2") == true)
        }
    }
}
