import Domain
import Testing

extension LedgerImport {
    @Suite struct OFXImportTests {
        static let sgmlBankStatement = """
            OFXHEADER:100
            DATA:OFXSGML
            VERSION:102
            SECURITY:NONE
            ENCODING:USASCII
            CHARSET:1252
            COMPRESSION:NONE
            OLDFILEUID:NONE
            NEWFILEUID:NONE

            <OFX>
            <SIGNONMSGSRSV1>
            <SONRS>
            <STATUS>
            <CODE>0
            <SEVERITY>INFO
            </STATUS>
            <DTSERVER>20240201120000[-5:EST]
            <LANGUAGE>ENG
            </SONRS>
            </SIGNONMSGSRSV1>
            <BANKMSGSRSV1>
            <STMTTRNRS>
            <TRNUID>1
            <STATUS>
            <CODE>0
            <SEVERITY>INFO
            </STATUS>
            <STMTRS>
            <CURDEF>USD
            <BANKACCTFROM>
            <BANKID>121000248
            <ACCTID>000123456789
            <ACCTTYPE>CHECKING
            </BANKACCTFROM>
            <BANKTRANLIST>
            <DTSTART>20240101
            <DTEND>20240131
            <STMTTRN>
            <TRNTYPE>DEBIT
            <DTPOSTED>20240103120000.000[-5:EST]
            <TRNAMT>-42.17
            <FITID>2024010301
            <NAME>AT&amp;T *BILL PAYMENT
            <MEMO>AUTOPAY &lt;REF 77&gt; &#233;t&#xE9;
            </STMTTRN>
            <STMTTRN>
            <TRNTYPE>CREDIT
            <DTPOSTED>20240115
            <TRNAMT>+2500.00
            <FITID>2024011501
            <PAYEE>
            <NAME>ACME CORP PAYROLL
            <ADDR1>1 Main St
            <CITY>Springfield
            <STATE>IL
            <POSTALCODE>62701
            </PAYEE>
            <MEMO>DIRECT DEP
            </STMTTRN>
            <STMTTRN>
            <TRNTYPE>XFER
            <DTPOSTED>20240120
            <TRNAMT>-100,00
            <FITID>2024012001
            <NAME>Transfer to savings
            <BANKACCTTO>
            <BANKID>121000248
            <ACCTID>000987654321
            <ACCTTYPE>SAVINGS
            </BANKACCTTO>
            </STMTTRN>
            </BANKTRANLIST>
            <LEDGERBAL>
            <BALAMT>1234.56
            <DTASOF>20240131
            </LEDGERBAL>
            </STMTRS>
            </STMTTRNRS>
            </BANKMSGSRSV1>
            </OFX>
            """

        static let xmlCardStatement = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
            <!-- exported by an online bank -->
            <OFX>
              <SIGNONMSGSRSV1>
                <SONRS>
                  <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
                  <DTSERVER>20240305083000.000[+1:CET]</DTSERVER>
                  <LANGUAGE>ENG</LANGUAGE>
                </SONRS>
              </SIGNONMSGSRSV1>
              <CREDITCARDMSGSRSV1>
                <CCSTMTTRNRS>
                  <TRNUID>0</TRNUID>
                  <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
                  <CCSTMTRS>
                    <CURDEF>EUR</CURDEF>
                    <CCACCTFROM><ACCTID>4111********1111</ACCTID></CCACCTFROM>
                    <BANKTRANLIST>
                      <DTSTART>20240201</DTSTART><DTEND>20240229</DTEND>
                      <STMTTRN>
                        <TRNTYPE>DEBIT</TRNTYPE>
                        <DTPOSTED>20240210</DTPOSTED>
                        <TRNAMT>-64.90</TRNAMT>
                        <FITID>CC-0001</FITID>
                        <NAME>Deutsche Bahn</NAME>
                        <MEMO>Fahrkarte Berlin–München</MEMO>
                      </STMTTRN>
                      <STMTTRN>
                        <TRNTYPE>DEBIT</TRNTYPE>
                        <DTPOSTED>20240214193000</DTPOSTED>
                        <TRNAMT>-23.00</TRNAMT>
                        <FITID>CC-0002</FITID>
                        <NAME>AMZN Mktp US</NAME>
                        <CURRENCY><CURRATE>0.92</CURRATE><CURSYM>USD</CURSYM></CURRENCY>
                      </STMTTRN>
                      <STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20240228</DTPOSTED><TRNAMT>500.00</TRNAMT><FITID>CC-0003</FITID><NAME>Payment - Thank You</NAME></STMTTRN>
                    </BANKTRANLIST>
                    <LEDGERBAL><BALAMT>-412.35</BALAMT><DTASOF>20240229</DTASOF></LEDGERBAL>
                  </CCSTMTRS>
                </CCSTMTTRNRS>
              </CREDITCARDMSGSRSV1>
            </OFX>
            """

        /// 1-based numbers of the lines of `text` containing `marker`.
        static func lines(of marker: String, in text: String) -> [Int] {
            text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.contains(marker) }.map { $0.offset + 1 }
        }

        @Test func sgmlBankStatement() throws {
            let statement = try OFXImport.parse(Self.sgmlBankStatement)
            #expect(statement.currency == "USD")
            #expect(statement.accountID == "000123456789")
            #expect(statement.rows == [
                ImportedRow(line: 39, date: LedgerImport.day("2024-01-03"), amount: "-42.17", payee: "AT&T *BILL PAYMENT",
                            memo: "AUTOPAY <REF 77> été", fitid: "2024010301", currency: "USD"),
                ImportedRow(line: 47, date: LedgerImport.day("2024-01-15"), amount: "2500.00", payee: "ACME CORP PAYROLL",
                            memo: "DIRECT DEP", fitid: "2024011501", currency: "USD"),
                ImportedRow(line: 61, date: LedgerImport.day("2024-01-20"), amount: "-100.00", payee: "Transfer to savings",
                            memo: nil, fitid: "2024012001", currency: "USD"),
            ])
            #expect(statement.rows.map(\.line) == Self.lines(of: "<STMTTRN>", in: Self.sgmlBankStatement))
        }

        @Test func sgmlWithWindowsLineEndsReportsTheSameLines() throws {
            let crlf = Self.sgmlBankStatement.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
            #expect(try OFXImport.parse(crlf).rows.map(\.line) == [39, 47, 61])
        }

        @Test func xmlCreditCardStatement() throws {
            let statement = try OFXImport.parse(Self.xmlCardStatement)
            #expect(statement.currency == "EUR")
            #expect(statement.accountID == "4111********1111")
            #expect(statement.rows.map(\.amount) == ["-64.90", "-23.00", "500.00"])
            #expect(statement.rows.map(\.date.iso) == ["2024-02-10", "2024-02-14", "2024-02-28"])
            #expect(statement.rows.map(\.payee) == ["Deutsche Bahn", "AMZN Mktp US", "Payment - Thank You"])
            #expect(statement.rows.map(\.memo) == ["Fahrkarte Berlin–München", nil, nil])
            #expect(statement.rows.map(\.fitid) == ["CC-0001", "CC-0002", "CC-0003"])
            #expect(statement.rows.map(\.currency) == ["EUR", "USD", "EUR"])
            #expect(statement.rows.map(\.line) == Self.lines(of: "<STMTTRN>", in: Self.xmlCardStatement))
            #expect(statement.rows.allSatisfy { $0.category == nil })
        }

        @Test func transactionWithoutAmountNamesItsLine() {
            let text = Self.sgmlBankStatement.replacingFirst("<TRNAMT>+2500.00\n", with: "")
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try OFXImport.parse(text) }
            #expect(error == ImportFormatError(line: 47, message: "line 47: the transaction (FITID 2024011501) has no TRNAMT amount"))
        }

        @Test func transactionWithoutDateNamesItsLine() {
            let text = Self.xmlCardStatement.replacingFirst("<DTPOSTED>20240228</DTPOSTED>", with: "")
            let error = LedgerImport.importError { () throws(ImportFormatError) in _ = try OFXImport.parse(text) }
            #expect(error?.line == Self.lines(of: "CC-0003", in: Self.xmlCardStatement).first)
            #expect(error?.message.contains("has no DTPOSTED date") == true)
        }

        @Test func malformedValuesNameTheirOwnLine() {
            let badDate = Self.sgmlBankStatement.replacingFirst("<DTPOSTED>20240115", with: "<DTPOSTED>2024-01-15")
            #expect(LedgerImport.importError { () throws(ImportFormatError) in _ = try OFXImport.parse(badDate) }
                == ImportFormatError(line: 49, message: "line 49: DTPOSTED \"2024-01-15\" is not a date (YYYYMMDD...)"))
            let badAmount = Self.sgmlBankStatement.replacingFirst("<TRNAMT>-42.17", with: "<TRNAMT>12x")
            #expect(LedgerImport.importError { () throws(ImportFormatError) in _ = try OFXImport.parse(badAmount) }?.line == 42)
        }

        @Test func notOFXAndBrokenTagsAreRefused() {
            let notOFX = LedgerImport.importError { () throws(ImportFormatError) in _ = try OFXImport.parse("Date,Amount\n") }
            #expect(notOFX?.message == "line 1: this is not an OFX file: it has no <OFX> element")
            let unclosed = LedgerImport.importError { () throws(ImportFormatError) in _ = try OFXImport.parse("<OFX>\n<STMTTRN\n") }
            #expect(unclosed?.line == 2)
        }

        @Test func singleLineQFXWithoutLineBreaks() throws {
            let text = "OFXHEADER:100 DATA:OFXSGML VERSION:102<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>CAD"
                + "<CCACCTFROM><ACCTID>5500000000000004</CCACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT"
                + "<DTPOSTED>20240301000000[-8:PST]<TRNAMT>-9.99<FITID>Q1<NAME>NETFLIX.COM</STMTTRN></BANKTRANLIST>"
                + "</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>"
            let statement = try OFXImport.parse(text)
            #expect(statement.currency == "CAD")
            #expect(statement.accountID == "5500000000000004")
            #expect(statement.rows == [ImportedRow(line: 1, date: LedgerImport.day("2024-03-01"), amount: "-9.99",
                                                   payee: "NETFLIX.COM", fitid: "Q1", currency: "CAD")])
        }
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (the fixture must contain it).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { preconditionFailure("fixture has no \(target)") }
        return replacingCharacters(in: range, with: replacement)
    }
}
