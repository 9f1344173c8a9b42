import Domain
import Testing

extension LedgerImport {
    @Suite struct CSVMappingDetectorTests {
        @Test func germanBankExportIsRecognised() throws {
            let text = ImportText.decode(LedgerImport.germanBankCSV)
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.mapping == LedgerImport.germanBankMapping)
            #expect(detection.header?[8] == "Währung")
            #expect(detection.sampleRecords.count == 4)
            #expect(detection.sampleRecords.first?.line == 2)
            #expect(detection.notes.isEmpty)
            #expect(try CSVImport.rows(text, mapping: detection.mapping).count == 4)
        }

        @Test func usCardExportGetsDebitAndCreditColumnsAndMonthFirstDates() {
            let detection = CSVMappingDetector.detect(LedgerImport.usCardCSV)
            #expect(detection.mapping == LedgerImport.usCardMapping)
            // 01/15/2024 can only be month-first, so nothing is left to confirm about dates.
            #expect(!detection.notes.contains { $0.contains("dates like") })
        }

        @Test func ambiguousDatesAreReadDayFirstAndNoted() {
            let text = """
                Date,Payee,Amount
                03/04/2024,Tesco,-12.50
                05/04/2024,Salary,2000.00
                11/04/2024,Boots,-4.99
                """
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.mapping.dateFormat == .dayMonthYearSlashed)
            #expect(detection.notes.contains("dates like 03/04/2024 fit both dd/MM/yyyy and MM/dd/yyyy; assumed dd/MM/yyyy"))
        }

        @Test func oneMonthFirstDateSettlesTheOrder() {
            let text = "Date,Payee,Amount\n03/04/2024,A,-1.00\n04/13/2024,B,-2.00\n"
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.mapping.dateFormat == .monthDayYearSlashed)
            #expect(!detection.notes.contains { $0.contains("dates like") })
        }

        @Test func datesWithEqualDayAndMonthAreNotAmbiguous() {
            let detection = CSVMappingDetector.detect("Date,Payee,Amount\n05/05/2024,A,-1.00\n11/11/2024,B,2.00\n")
            #expect(detection.mapping.dateFormat == .dayMonthYearSlashed)
            #expect(!detection.notes.contains { $0.contains("dates like") })
        }

        @Test func allPositiveAmountsAreAssumedToBeSpending() {
            let text = "Date,Description,Amount\n01/03/2024,UBER TRIP,23.45\n01/17/2024,WHOLEFDS MKT,87.12\n"
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.mapping.amountColumn == 2)
            #expect(detection.mapping.outflowIsPositive)
            #expect(detection.notes.contains { $0.hasPrefix("no negative amounts seen") && $0.contains("are expenses positive?") })
        }

        @Test func mixedSignsNeedNoSignNote() {
            let detection = CSVMappingDetector.detect(LedgerImport.positiveSpendingCSV)
            #expect(!detection.mapping.outflowIsPositive)
            #expect(detection.mapping.payeeColumn == 1)
            #expect(detection.mapping.dateFormat == .monthDayYearSlashed)
        }

        @Test func headerlessFileIsMappedFromValues() throws {
            let text = "2024-01-31;REWE Markt;-23,45;EUR\n2024-02-01;Gehalt;2500,00;EUR\n2024-02-03;Apotheke am Markt;-7,80;EUR\n"
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.header == nil)
            #expect(detection.mapping == CSVMapping(
                delimiter: ";", hasHeader: false, dateColumn: 0, dateFormat: .isoDashed, amountColumn: 2,
                decimalSeparator: ",", payeeColumn: 1, currencyColumn: 3))
            #expect(detection.notes.contains { $0.hasPrefix("the first record holds data") })
            #expect(try CSVImport.rows(text, mapping: detection.mapping).map(\.amount) == ["-23.45", "2500.00", "-7.80"])
        }

        @Test func preambleBeforeTheTableIsSkipped() throws {
            let detection = CSVMappingDetector.detect(LedgerImport.preambleCSV)
            #expect(detection.mapping == CSVMapping(
                delimiter: ";", hasHeader: true, skipRecords: 8, dateColumn: 0, dateFormat: .dayMonthYearDotted,
                amountColumn: 7, decimalSeparator: ",", payeeColumn: 2, memoColumn: 4, currencyColumn: 6))
            #expect(detection.header?.first == "Buchung")
            #expect(detection.notes.contains { $0.hasPrefix("skipped 8 records before the table") })
            let rows = try CSVImport.rows(LedgerImport.preambleCSV, mapping: detection.mapping)
            #expect(rows.map(\.amount) == ["-24.45", "-86.00", "2500.00"])
            #expect(rows.map(\.line) == [12, 13, 14])
            #expect(rows[1].payee == "Stadtwerke München")
        }

        @Test func decimalSeparatorFollowsTheValues() {
            let comma = CSVMappingDetector.detect("Date,Amount\n2024-01-01,\"-12,50\"\n2024-01-02,\"3,00\"\n")
            #expect(comma.mapping.decimalSeparator == ",")
            let point = CSVMappingDetector.detect("Datum;Betrag\n2024-01-01;1,234.56\n2024-01-02;-3.10\n")
            #expect(point.mapping.decimalSeparator == ".")
        }

        @Test func undecidableDecimalSeparatorIsNoted() {
            let detection = CSVMappingDetector.detect("Datum;Betrag\n01.01.2024;-1.234\n02.01.2024;5\n")
            #expect(detection.mapping.decimalSeparator == ",")
            #expect(detection.notes.contains("amounts like -1.234 read with either \".\" or \",\" as the decimal separator; assumed \",\""))
        }

        @Test func currencySymbolsNameTheCurrency() {
            let detection = CSVMappingDetector.detect("Date;Payee;Amount\n2024-01-01;A;-1.234,56 €\n2024-01-02;B;12,00 €\n")
            #expect(detection.currency == "EUR")
            #expect(detection.mapping.decimalSeparator == ",")
            let dollars = CSVMappingDetector.detect("Date,Payee,Amount\n2024-01-01,A,-$5.00\n2024-01-02,B,$12.00\n")
            #expect(dollars.currency == "USD")
            #expect(dollars.notes.contains("amounts are marked \"$\": assumed USD"))
        }

        @Test func balanceColumnIsNotTheAmount() {
            let text = "Date,Balance,Description,Amount,Reference\n2024-01-01,100.00,A,-5.00,R1\n2024-01-02,95.00,B,-5.00,R2\n"
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.mapping.amountColumn == 3)
            #expect(detection.mapping.fitidColumn == 4)
            #expect(detection.mapping.payeeColumn == 2)
        }

        @Test func repeatedReferencesAreNotTakenAsTransactionIDs() {
            let text = "Date,Payee,Amount,Mandatsreferenz,Reference\n2024-01-01,A,-5.00,M1,NOTPROVIDED\n2024-01-02,B,-5.00,M1,NOTPROVIDED\n"
            #expect(CSVMappingDetector.detect(text).mapping.fitidColumn == nil)
        }

        @Test func tabSeparatedWithCommasInTextPicksTab() {
            let text = "Date\tPayee\tAmount\n2024-01-01\tSmith, Jones\t-5.00\n2024-01-02\tA, B, C\t-1,000.00\n"
            let detection = CSVMappingDetector.detect(text)
            #expect(detection.mapping.delimiter == "\t")
            #expect(detection.mapping.amountColumn == 2)
        }

        @Test func nothingUsableIsSaidInNotes() {
            let detection = CSVMappingDetector.detect("just,some\nwords,here\n")
            #expect(detection.notes.contains { $0.hasPrefix("no column holds dates") })
            #expect(detection.notes.contains { $0.hasPrefix("no column holds amounts") })
            #expect(CSVMappingDetector.detect("").notes == ["no records found"])
        }
    }
}
