import Domain
import Foundation
import Testing

extension LedgerImport {
    @Suite struct CSVImportTests {
        @Test func germanBankExportInWindows1252() throws {
            let text = ImportText.decode(LedgerImport.germanBankCSV)
            let rows = try CSVImport.rows(text, mapping: LedgerImport.germanBankMapping)
            #expect(rows == [
                ImportedRow(line: 2, date: LedgerImport.day("2024-01-02"), amount: "-1234.56",
                            payee: "Hausverwaltung Müller GmbH", memo: "Miete Januar 2024", currency: "EUR"),
                ImportedRow(line: 3, date: LedgerImport.day("2024-01-03"), amount: "-3.20", payee: "Bäckerei Schäfer",
                            memo: "Bäckerei Schäfer; Filiale 3", currency: "EUR"),
                ImportedRow(line: 4, date: LedgerImport.day("2024-01-29"), amount: "2750.00", payee: "ACME GmbH",
                            memo: "Gehalt Januar", currency: "EUR"),
                ImportedRow(line: 5, date: LedgerImport.day("2024-01-31"), amount: "-4.95", payee: "",
                            memo: "Kontoführung", currency: "EUR"),
            ])
        }

        @Test func usCardDebitBecomesNegativeAndCreditStaysPositive() throws {
            let rows = try CSVImport.rows(LedgerImport.usCardCSV, mapping: LedgerImport.usCardMapping)
            #expect(rows.map(\.amount) == ["-5.75", "-1299.99", "500.00", "-42.10"])
            #expect(rows.map(\.date.iso) == ["2024-01-02", "2024-01-05", "2024-01-15", "2024-01-20"])
            #expect(rows[0].payee == "STARBUCKS STORE #1234, SEATTLE WA")
            #expect(rows[2].category == "Payment/Credit")
            #expect(rows.map(\.line) == [2, 3, 4, 5])
        }

        @Test func outflowIsPositiveFlipsEverySign() throws {
            let mapping = CSVMapping(
                dateColumn: 0, dateFormat: .monthDayYearSlashed, amountColumn: 2, outflowIsPositive: true, payeeColumn: 1)
            let rows = try CSVImport.rows(LedgerImport.positiveSpendingCSV, mapping: mapping)
            #expect(rows.map(\.amount) == ["-23.45", "500.00", "-87.12"])
            #expect(rows[0].payee == "UBER   TRIP HELP.UBER.COM")
        }

        @Test func debitAlreadyNegativeStaysNegative() throws {
            let mapping = CSVMapping(dateColumn: 0, dateFormat: .isoDashed, debitColumn: 1, creditColumn: 2)
            let rows = try CSVImport.rows("Date,Out,In\n2024-03-01,-9.99,\n2024-03-02,0.00,15\n", mapping: mapping)
            #expect(rows.map(\.amount) == ["-9.99", "15"])
        }

        @Test func optionalColumnsAreTrimmedAndBlankOnesAreNil() throws {
            let text = """
                Date|Payee|Memo|Category|Reference|Currency|Amount
                2024-05-01|  Tesco Metro  |   | Food:Groceries |TX-1| gbp |-8.40
                2024-05-02|Rent||||GBP|-950
                """
            let mapping = CSVMapping(
                delimiter: "|", dateColumn: 0, dateFormat: .isoDashed, amountColumn: 6, payeeColumn: 1, memoColumn: 2,
                categoryColumn: 3, currencyColumn: 5, fitidColumn: 4)
            let rows = try CSVImport.rows(text, mapping: mapping)
            #expect(rows == [
                ImportedRow(line: 2, date: LedgerImport.day("2024-05-01"), amount: "-8.40", payee: "Tesco Metro", memo: nil,
                            fitid: "TX-1", category: "Food:Groceries", currency: "GBP"),
                ImportedRow(line: 3, date: LedgerImport.day("2024-05-02"), amount: "-950", payee: "Rent", memo: nil,
                            fitid: nil, category: nil, currency: "GBP"),
            ])
        }

        @Test func preambleIsSkippedAndBlankRecordsIgnored() throws {
            let text = "Konto;4711\n\nDatum;Betrag\n;;\n01.02.2024;-1,00\n \n02.02.2024;2\n"
            let mapping = CSVMapping(
                delimiter: ";", skipRecords: 1, dateColumn: 0, dateFormat: .dayMonthYearDotted, amountColumn: 1,
                decimalSeparator: ",")
            let rows = try CSVImport.rows(text, mapping: mapping)
            #expect(rows.map(\.line) == [5, 7])
            #expect(rows.map(\.amount) == ["-1.00", "2"])
        }

        @Test func withoutHeaderTheFirstRecordIsATransaction() throws {
            let mapping = CSVMapping(hasHeader: false, dateColumn: 0, dateFormat: .isoCompact, amountColumn: 1)
            #expect(try CSVImport.rows("20240131,-5\n20240201,6\n", mapping: mapping).map(\.date.iso) == ["2024-01-31", "2024-02-01"])
        }

        @Test(arguments: [
            ("1.234,56", ",", "1234.56"), ("-12,50", ",", "-12.50"), ("1,234.56", ".", "1234.56"),
            ("(12.50)", ".", "-12.50"), ("12.50-", ".", "-12.50"), ("12.50 CR", ".", "12.50"), ("12.50DR", ".", "-12.50"),
            ("€ 1.234,56", ",", "1234.56"), ("-1 234,56 €", ",", "-1234.56"), ("EUR -12,50", ",", "-12.50"),
            ("-12.50 USD", ".", "-12.50"), ("$1,000", ".", "1000"), ("-$5.00", ".", "-5.00"), ("£0.99", ".", "0.99"),
            ("¥1,200", ".", "1200"), ("+3", ".", "3"), ("1'234.50", ".", "1234.50"), ("\u{2212}7,00", ",", "-7.00"),
            ("-0,00", ",", "0.00"), ("1\u{A0}234,56", ",", "1234.56"), ("1\u{202F}234,56", ",", "1234.56"), (".5", ".", "0.5"),
            ("007.10", ".", "7.10"), ("1,23,456.78", ".", "123456.78"), ("  42  ", ".", "42"),
        ])
        func amountsAreNormalised(text: String, separator: String, expected: String) throws {
            #expect(try Self.amount(text, separator) == expected)
        }

        @Test(arguments: [
            ("12,3x", "."), ("1,2,3", "."), ("12.50", ","), ("abc", "."), ("1.234.56", "."), ("--5", "."), ("(5", "."),
            ("5 XX", "."), ("5 ABC", "."), ("1e5", "."), ("12,50", "."), ("1.2,3", ","), ("€5 EUR", "."), ("(5)-", "."),
        ])
        func malformedAmountsAreRefused(text: String, separator: String) {
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try Self.amount(text, separator) }
            #expect(error?.line == 2)
            #expect(error?.message.hasPrefix("line 2: amount \"\(text)\" is not a number") == true)
        }

        @Test func badDateReportsItsPhysicalLine() {
            let text = "Date,Payee,Amount\n2024-01-02,A,-1.00\n\n2024-01-03,\"B\",-2.00\n2024-02-30,C,-3.00\n2024-01-05,D,-4.00\n"
            let mapping = CSVMapping(dateColumn: 0, dateFormat: .isoDashed, amountColumn: 2, payeeColumn: 1)
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try CSVImport.rows(text, mapping: mapping) }
            #expect(error == ImportFormatError(line: 5, message: "line 5: date \"2024-02-30\" is not a yyyy-MM-dd date"))
        }

        @Test func badAmountNamesTheValue() {
            var lines = ["Datum;Betrag"] + (1...5).map { "0\($0).03.2024;-\($0),00" }
            lines.append("06.03.2024;12,3x")
            let mapping = CSVMapping(
                delimiter: ";", dateColumn: 0, dateFormat: .dayMonthYearDotted, amountColumn: 1, decimalSeparator: ",")
            let error = LedgerImport.importError { () throws(ImportFormatError) in
                _ = try CSVImport.rows(lines.joined(separator: "\n"), mapping: mapping)
            }
            #expect(error?.line == 7)
            #expect(error?.message.hasPrefix("line 7: amount \"12,3x\" is not a number") == true)
        }

        @Test func missingAndEmptyColumnsAreReported() {
            let mapping = CSVMapping(dateColumn: 0, dateFormat: .isoDashed, amountColumn: 2, payeeColumn: 1)
            func failure(_ text: String) -> ImportFormatError? {
                LedgerImport.importError { () throws(ImportFormatError) in _ = try CSVImport.rows(text, mapping: mapping) }
            }
            #expect(failure("Date,Payee,Amount\n2024-01-01,A,1\n2024-01-02,B\n")?.message
                == "line 3: the amount should be in column 3 (\"Amount\") but the record has only 2 fields")
            #expect(failure("Date,Payee,Amount\n2024-01-02,B,\n")?.message == "line 2: the amount is empty")
            #expect(failure("Date,Payee,Amount\n,B,1\n")?.message == "line 2: the date is empty")
        }

        @Test func debitAndCreditMustHoldExactlyOneAmount() {
            let mapping = LedgerImport.usCardMapping
            let header = "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit\n"
            let bothEmpty = LedgerImport.importError { () throws(ImportFormatError) in
                _ = try CSVImport.rows(header + "01/02/2024,01/03/2024,1234,X,Y,,\n", mapping: mapping)
            }
            #expect(bothEmpty?.message == "line 2: both the debit and the credit are empty")
            let bothSet = LedgerImport.importError { () throws(ImportFormatError) in
                _ = try CSVImport.rows(header + "01/02/2024,01/03/2024,1234,X,Y,1.00\n01/02/2024,01/03/2024,1234,X,Y,3.00,4.00\n", mapping: mapping)
            }
            #expect(bothSet?.line == 3)
            #expect(bothSet?.message.contains("both a debit (3.00) and a credit (4.00)") == true)
        }

        @Test func unusableMappingIsRefusedBeforeReading() {
            func failure(_ mapping: CSVMapping) -> ImportFormatError? {
                LedgerImport.importError { () throws(ImportFormatError) in _ = try CSVImport.rows("a,b\n", mapping: mapping) }
            }
            #expect(failure(CSVMapping(delimiter: ";;", dateColumn: 0, dateFormat: .isoDashed, amountColumn: 1))?.line == 0)
            #expect(failure(CSVMapping(dateColumn: 0, dateFormat: .isoDashed, amountColumn: 1, decimalSeparator: "'"))?.line == 0)
            #expect(failure(CSVMapping(dateColumn: 0, dateFormat: .isoDashed))?.message == "choose an amount column, or debit and credit columns")
            #expect(failure(CSVMapping(dateColumn: -1, dateFormat: .isoDashed, amountColumn: 1))?.line == 0)
        }

        @Test func mappingRoundTripsThroughCodable() throws {
            let mapping = LedgerImport.germanBankMapping
            let json = try JSONEncoder().encode(mapping)
            #expect(try JSONDecoder().decode(CSVMapping.self, from: json) == mapping)
            #expect(String(decoding: json, as: UTF8.self).contains("\"dateFormat\":\"dd.MM.yyyy\""))
            let withoutSkip = #"{"delimiter":";","hasHeader":true,"dateColumn":1,"dateFormat":"dd.MM.yyyy","amountColumn":7,"decimalSeparator":",","outflowIsPositive":false}"#
            let decoded = try JSONDecoder().decode(CSVMapping.self, from: Data(withoutSkip.utf8))
            #expect(decoded == CSVMapping(delimiter: ";", dateColumn: 1, dateFormat: .dayMonthYearDotted, amountColumn: 7, decimalSeparator: ","))
        }

        /// The normalised amount of `text` read as a one-row CSV with `separator` as decimal mark.
        static func amount(_ text: String, _ separator: String) throws(ImportFormatError) -> String? {
            let mapping = CSVMapping(
                delimiter: "|", dateColumn: 0, dateFormat: .isoDashed, amountColumn: 1, decimalSeparator: separator)
            return try CSVImport.rows("Date|Amount\n2024-01-01|\(text)\n", mapping: mapping).first?.amount
        }
    }
}
