import Domain
import Testing

extension LedgerImport {
    @Suite struct CSVLargeFileTests {
        static let rowCount = 100_000

        /// A generated statement: quoted payees with embedded delimiters every seventh row, CRLF line ends.
        static func generatedStatement() -> String {
            var text = "Buchungstag;Empfänger;Verwendungszweck;Betrag;Währung\r\n"
            text.reserveCapacity(rowCount * 64)
            for index in 0..<rowCount {
                let day = index % 28 + 1
                let month = index / 28 % 12 + 1
                let payee = index % 7 == 0 ? "\"Müller; Söhne \(index)\"" : "Payee \(index)"
                let cents = (index % 100 < 10 ? "0" : "") + String(index % 100)
                let amount = index % 2 == 0 ? "-\(index / 100),\(cents)" : "1.\(100 + index % 900),\(cents)"
                text += "\(day < 10 ? "0" : "")\(day).\(month < 10 ? "0" : "")\(month).2024;\(payee);Ref \(index);\(amount);EUR\r\n"
            }
            return text
        }

        @Test func parsesOneHundredThousandRows() throws {
            let text = Self.generatedStatement()
            let mapping = CSVMapping(
                delimiter: ";", dateColumn: 0, dateFormat: .dayMonthYearDotted, amountColumn: 3, decimalSeparator: ",",
                payeeColumn: 1, memoColumn: 2, currencyColumn: 4)
            let clock = ContinuousClock()
            var rows: [ImportedRow] = []
            let elapsed = try clock.measure { rows = try CSVImport.rows(text, mapping: mapping) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("CSVImport: \(rows.count) rows (\(text.utf8.count) bytes) in \(elapsed), \(Int(Double(rows.count) / seconds)) rows/s")

            #expect(rows.count == Self.rowCount)
            #expect(rows[0] == ImportedRow(line: 2, date: LedgerImport.day("2024-01-01"), amount: "0.00",
                                           payee: "Müller; Söhne 0", memo: "Ref 0", currency: "EUR"))
            #expect(rows[1].amount == "1101.01")
            #expect(rows[12_345].payee == "Payee 12345")
            #expect(rows[12_345].amount == "1745.45")
            #expect(rows[70_000].payee == "Müller; Söhne 70000")
            #expect(rows[70_000].amount == "-700.00")
            #expect(rows[99_999].line == 100_001)
            #expect(rows[99_999].date == LedgerImport.day("2024-08-12"))
        }
    }
}
