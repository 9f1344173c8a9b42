/// What an OFX/QFX file holds for us: the statement's currency and account, and its transactions.
public struct OFXStatement: Sendable, Hashable {
    /// The statement's default currency (CURDEF), when given; the first statement's when the file holds several.
    public var currency: String?
    /// The account number (ACCTID), when given; the first statement's when the file holds several.
    public var accountID: String?
    /// The transactions (STMTTRN) of every statement in the file, in file order.
    public var rows: [ImportedRow]

    /// A statement with every part given.
    public init(currency: String?, accountID: String?, rows: [ImportedRow]) {
        self.currency = currency
        self.accountID = accountID
        self.rows = rows
    }
}

/// Reading OFX 1.x (SGML) and 2.x (XML) bank and credit card statements, QFX included.
public enum OFXImport {
    /// The statement in `text`; an error names the line of the first transaction that cannot be read.
    public static func parse(_ text: String) throws(ImportFormatError) -> OFXStatement {
        var walker = Walker()
        try OFXTokenizer.forEachToken(text) { (token, line) throws(ImportFormatError) in try walker.take(token, line: line) }
        try walker.finish()
        guard walker.sawOFX else {
            throw ImportFormatError(line: 1, problem: "this is not an OFX file: it has no <OFX> element")
        }
        return OFXStatement(currency: walker.statementCurrency, accountID: walker.accountID, rows: walker.rows)
    }

    /// Follows the aggregates that matter; SGML leaves have no end tags, so a leaf's value is the text after its tag.
    private struct Walker {
        var sawOFX = false
        var statementCurrency: String?
        var currentCurrency: String?
        var accountID: String?
        var rows: [ImportedRow] = []
        private var transaction: Transaction?
        private var openLeaf: String?
        private var inPayee = false
        private var inOtherAccount = false
        private var inTransactionCurrency = false

        mutating func take(_ token: OFXTokenizer.Token, line: Int) throws(ImportFormatError) {
            switch token {
            case .start(let name):
                openLeaf = name
                switch name {
                case "OFX": sawOFX = true
                case "STMTTRN":
                    try finishTransaction()
                    transaction = Transaction(line: line)
                case "PAYEE": inPayee = true
                case "BANKACCTTO", "CCACCTTO": inOtherAccount = true
                case "CURRENCY": inTransactionCurrency = transaction != nil
                default: break
                }
            case .end(let name):
                openLeaf = nil
                switch name {
                case "STMTTRN", "BANKTRANLIST": try finishTransaction()
                case "PAYEE": inPayee = false
                case "BANKACCTTO", "CCACCTTO": inOtherAccount = false
                case "CURRENCY": inTransactionCurrency = false
                default: break
                }
            case .text(let value):
                guard let leaf = openLeaf else { return }
                openLeaf = nil
                take(leaf, value, line: line)
            }
        }

        private mutating func take(_ leaf: String, _ value: String, line: Int) {
            guard var current = transaction else {
                if leaf == "CURDEF" {
                    currentCurrency = value.uppercased()
                    statementCurrency = statementCurrency ?? currentCurrency
                } else if leaf == "ACCTID", !inOtherAccount {
                    accountID = accountID ?? value
                }
                return
            }
            if inPayee {
                if leaf == "NAME" { current.payeeName = current.payeeName ?? value }
            } else if inTransactionCurrency {
                if leaf == "CURSYM" { current.currency = value.uppercased() }
            } else if !inOtherAccount, current.fields[leaf] == nil {
                current.fields[leaf] = (value, line)
            }
            transaction = current
        }

        mutating func finish() throws(ImportFormatError) { try finishTransaction() }

        private mutating func finishTransaction() throws(ImportFormatError) {
            guard let current = transaction else { return }
            transaction = nil
            rows.append(try current.row(currency: current.currency ?? currentCurrency))
        }
    }

    /// The leaves of one STMTTRN, each with the line it is on.
    private struct Transaction {
        let line: Int
        var fields: [String: (value: String, line: Int)] = [:]
        var payeeName: String?
        var currency: String?

        init(line: Int) { self.line = line }

        func row(currency: String?) throws(ImportFormatError) -> ImportedRow {
            let which = fields["FITID"].map { " (FITID \($0.value))" } ?? ""
            guard let posted = fields["DTPOSTED"] else {
                throw ImportFormatError(line: line, problem: "the transaction\(which) has no DTPOSTED date")
            }
            guard let date = OFXImport.date(posted.value) else {
                throw ImportFormatError(line: posted.line, problem: "DTPOSTED \"\(posted.value)\" is not a date (YYYYMMDD...)")
            }
            guard let amountText = fields["TRNAMT"] else {
                throw ImportFormatError(line: line, problem: "the transaction\(which) has no TRNAMT amount")
            }
            guard let amount = OFXImport.amount(amountText.value) else {
                throw ImportFormatError(line: amountText.line, problem: "TRNAMT \"\(amountText.value)\" is not a number")
            }
            return ImportedRow(
                line: line, date: date, amount: amount, payee: fields["NAME"]?.value ?? payeeName ?? "",
                memo: fields["MEMO"]?.value, fitid: fields["FITID"]?.value, category: nil, currency: currency)
        }
    }

    /// The day of an OFX datetime, `YYYYMMDD[HHMMSS[.XXX]][[+-]offset:TZ]`: its first eight digits.
    static func date(_ text: String) -> CalendarDate? {
        let digits = Array(text.utf8.prefix(8))
        guard digits.count == 8, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        return CalendarDate(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// TRNAMT as a decimal. OFX writes no digit grouping, so a lone comma is a decimal comma ("-12,50").
    static func amount(_ text: String) -> String? {
        let bytes = text.utf8
        let decimalSeparator: UInt8 = bytes.contains(0x2C) && !bytes.contains(0x2E) ? 0x2C : 0x2E
        return AmountText.normalise(text, decimalSeparator: decimalSeparator)
            ?? AmountText.normalise(text, decimalSeparator: decimalSeparator == 0x2E ? 0x2C : 0x2E)
    }
}
