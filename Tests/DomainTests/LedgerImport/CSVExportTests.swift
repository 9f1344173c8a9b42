import Domain
import Testing

extension LedgerImport {
    @Suite struct CSVExportTests {
        @Test(arguments: [
            ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
            ("+1+1", "'+1+1"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("-2+3", "'-2+3"), ("\tTAB", "'\tTAB"),
            ("\r=1", "'\r=1"), ("-", "'-"), ("1e5", "1e5"), ("+1e5", "'+1e5"), ("-.5", "'-.5"), ("12.", "12."),
        ])
        func formulaTriggersAreDefused(cell: String, expected: String) {
            #expect(CSVExport.neutralised(cell) == expected)
        }

        @Test(arguments: ["-12.50", "+3", "-0", "42", "0.01", "Groceries", "", "a=b", " =1"])
        func numbersAndPlainTextStayAsTheyAre(cell: String) {
            #expect(CSVExport.neutralised(cell) == cell)
        }

        @Test func recordQuotesOnlyWhatNeedsIt() {
            #expect(CSVExport.record(["2024-01-31", "Smith, Jones", "say \"hi\"", "two\nlines", "-12.50", ""])
                == "2024-01-31,\"Smith, Jones\",\"say \"\"hi\"\"\",\"two\nlines\",-12.50,\r\n")
            #expect(CSVExport.record([]) == "\r\n")
        }

        @Test func documentNeutralisesEveryCellAndReadsBack() throws {
            let document = CSVExport.document(
                header: ["Date", "Payee", "Amount"],
                rows: [["2024-01-31", "=HYPERLINK(\"http://x\",\"y\")", "-12.50"], ["2024-02-01", "@evil, \"quoted\"", "+3"]])
            #expect(document == "Date,Payee,Amount\r\n"
                + "2024-01-31,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-12.50\r\n"
                + "2024-02-01,\"'@evil, \"\"quoted\"\"\",+3\r\n")
            let records = try CSVReader(delimiter: ",")!.records(document)
            #expect(records.map(\.fields) == [
                ["Date", "Payee", "Amount"],
                ["2024-01-31", "'=HYPERLINK(\"http://x\",\"y\")", "-12.50"],
                ["2024-02-01", "'@evil, \"quoted\"", "+3"],
            ])
        }
    }
}
