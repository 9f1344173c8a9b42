import Domain
import Testing

extension LedgerImport {
    @Suite struct CSVReaderTests {
        let comma = CSVReader(delimiter: ",")!

        @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
            let text = #"""
                Date,Payee,Memo,Amount
                2024-01-02,"Smith, Jones & Co","He said ""thanks""",-12.50
                2024-01-03,"Corner
                Shop","two
                lines",-3.00
                2024-01-04,Plain,,7
                """#
            let records = try comma.records(text)
            #expect(records.map(\.fields) == [
                ["Date", "Payee", "Memo", "Amount"],
                ["2024-01-02", "Smith, Jones & Co", "He said \"thanks\"", "-12.50"],
                ["2024-01-03", "Corner\nShop", "two\nlines", "-3.00"],
                ["2024-01-04", "Plain", "", "7"],
            ])
            #expect(records.map(\.line) == [1, 2, 3, 6])
        }

        @Test func crlfAndCRLineEndsAndBlankLinesKeepPhysicalLineNumbers() throws {
            let text = "a;b\r\n\r\n1;\"x\r\ny\"\r\n2;z\r3;w\n\n"
            let records = try CSVReader(delimiter: ";")!.records(text)
            #expect(records.map(\.fields) == [["a", "b"], ["1", "x\r\ny"], ["2", "z"], ["3", "w"]])
            #expect(records.map(\.line) == [1, 3, 5, 6])
        }

        @Test func tabAndPipeDelimitersAndTrailingEmptyField() throws {
            #expect(try CSVReader(delimiter: "\t")!.records("a\tb,c\t\n").map(\.fields) == [["a", "b,c", ""]])
            #expect(try CSVReader(delimiter: "|")!.records("\"a|b\"|c").map(\.fields) == [["a|b", "c"]])
        }

        @Test func spacesAroundQuotedFieldsAreTolerated() throws {
            #expect(try comma.records("a, \"b,c\" ,d").map(\.fields) == [["a", "b,c", "d"]])
        }

        @Test func leadingByteOrderMarkIsNotPartOfTheFirstField() throws {
            #expect(try comma.records("\u{FEFF}Date,Amount").first?.fields == ["Date", "Amount"])
        }

        @Test func unterminatedQuoteReportsTheLineWhereItOpened() {
            let text = "Date,Payee,Amount\n2024-01-02,Shop,-1.00\n2024-01-03,\"Broken,-2.00\n2024-01-04,Other,-3.00\n"
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try comma.records(text) }
            #expect(error?.line == 3)
            #expect(error?.message.hasPrefix("line 3: ") == true)
            #expect(error?.message.contains("closing quote") == true)
        }

        @Test func limitAndEarlyStop() throws {
            let text = "1\n2\n3\n4\n"
            #expect(try comma.records(text, limit: 2).map(\.fields) == [["1"], ["2"]])
            var seen: [Int] = []
            try comma.forEachRecord(text) { record in
                seen.append(record.line)
                return record.line < 3
            }
            #expect(seen == [1, 2, 3])
        }

        @Test func delimiterMustBeOneSafeASCIICharacter() {
            #expect(CSVReader(delimiter: "\"") == nil)
            #expect(CSVReader(delimiter: "\n") == nil)
            #expect(CSVReader(delimiter: "€") == nil)
            #expect(CSVReader(delimiter: ";")?.delimiter == UInt8(ascii: ";"))
        }

        @Test func nonASCIIFieldsSurviveByteLevelSplitting() throws {
            #expect(try CSVReader(delimiter: ";")!.records("Bäckerei;–3,20 €;日本").first?.fields == ["Bäckerei", "–3,20 €", "日本"])
        }
    }
}
