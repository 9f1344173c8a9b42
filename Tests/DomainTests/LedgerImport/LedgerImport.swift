import Domain

/// Groups the bank-statement import and export suites, so `swift test --filter LedgerImport` runs them all.
enum LedgerImport {
    /// The date of an ISO `YYYY-MM-DD` literal.
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// `text` in Windows-1252 (Latin-1 plus the euro sign), as older bank exports write it.
    static func windows1252(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            if scalar == "€" { return 0x80 }
            precondition(scalar.value < 0x100, "not in the fixture's Windows-1252 subset")
            return UInt8(scalar.value)
        }
    }

    /// The error `body` throws, or nil.
    static func importError(_ body: () throws(ImportFormatError) -> Void) -> ImportFormatError? {
        do throws(ImportFormatError) {
            try body()
            return nil
        } catch {
            return error
        }
    }
}

extension LedgerImport {
    /// A Sparkasse-style export: `;`, dd.MM.yyyy, decimal comma, quoted text, CRLF, Windows-1252 bytes.
    static let germanBankCSV: [UInt8] = windows1252([
        "Auftragskonto;Buchungstag;Valutadatum;Buchungstext;Verwendungszweck;Beguenstigter/Zahlungspflichtiger;Kontonummer/IBAN;Betrag;Währung",
        "DE89370400440532013000;02.01.2024;02.01.2024;FOLGELASTSCHRIFT;Miete Januar 2024;Hausverwaltung Müller GmbH;DE02120300000000202051;-1.234,56;EUR",
        "DE89370400440532013000;03.01.2024;03.01.2024;KARTENZAHLUNG;\"Bäckerei Schäfer; Filiale 3\";Bäckerei Schäfer;DE12500105170648489890;-3,20;EUR",
        "DE89370400440532013000;29.01.2024;30.01.2024;GUTSCHRIFT;Gehalt Januar;ACME GmbH;DE75512108001245126199;2.750,00;EUR",
        "DE89370400440532013000;31.01.2024;31.01.2024;ENTGELTABSCHLUSS;Kontoführung;;;-4,95;EUR",
    ].joined(separator: "\r\n") + "\r\n")

    /// The mapping `germanBankCSV` needs.
    static let germanBankMapping = CSVMapping(
        delimiter: ";", hasHeader: true, dateColumn: 1, dateFormat: .dayMonthYearDotted, amountColumn: 7,
        decimalSeparator: ",", payeeColumn: 5, memoColumn: 4, currencyColumn: 8)

    /// A Capital One-style card export: MM/dd/yyyy, spending in a positive Debit column, payments in Credit.
    static let usCardCSV = """
        Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit
        01/02/2024,01/03/2024,1234,"STARBUCKS STORE #1234, SEATTLE WA",Dining,5.75,
        01/05/2024,01/06/2024,1234,AMAZON.COM*AB12CD,Merchandise,"1,299.99",
        01/15/2024,01/16/2024,1234,CAPITAL ONE AUTOPAY PYMT,Payment/Credit,,500.00
        01/20/2024,01/22/2024,1234,SHELL OIL 57444,Gas/Automotive,42.10,

        """

    /// The mapping `usCardCSV` needs.
    static let usCardMapping = CSVMapping(
        delimiter: ",", hasHeader: true, dateColumn: 0, dateFormat: .monthDayYearSlashed, debitColumn: 5,
        creditColumn: 6, decimalSeparator: ".", payeeColumn: 3, categoryColumn: 4)

    /// An Amex-style card export: one Amount column where spending is positive and payments negative.
    static let positiveSpendingCSV = """
        Date,Description,Amount
        01/03/2024,UBER   TRIP HELP.UBER.COM,23.45
        01/09/2024,PAYMENT RECEIVED - THANK YOU,-500.00
        01/17/2024,WHOLEFDS MKT 10234,87.12
        """

    /// An ING-style export: a preamble of key;value lines, then the table.
    static let preambleCSV = """
        Umsatzanzeige;Datei erstellt am: 25.04.2024 10:00
        ;Letztes Update: aktuell

        IBAN;DE12 5001 0517 0123 4567 89
        Kontoname;Girokonto
        Bank;ING
        Kunde;Max Mustermann
        Zeitraum;01.04.2024 - 25.04.2024
        Saldo;1.234,56;EUR

        Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung
        24.04.2024;24.04.2024;REWE Markt GmbH;Lastschrift;REWE SAGT DANKE 12345;1.210,11;EUR;-24,45;EUR
        23.04.2024;23.04.2024;Stadtwerke München;Lastschrift;Abschlag Strom April;1.234,56;EUR;-86,00;EUR
        15.04.2024;15.04.2024;ACME GmbH;Gehalt/Rente;Gehalt April;1.320,56;EUR;2.500,00;EUR
        """
}
