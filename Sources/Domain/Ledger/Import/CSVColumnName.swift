/// Recognising what a CSV header cell names, in English, German, French, Spanish and Dutch.
enum CSVColumnName {
    /// What a column can hold.
    enum Role: Sendable, CaseIterable {
        case date, amount, debit, credit, party, description, memo, category, currency, identifier
    }

    /// How strongly `header` suggests `role`: 0 for not at all, higher for a closer name.
    static func score(_ header: String, for role: Role) -> Int {
        let key = self.key(header)
        guard !key.isEmpty else { return 0 }
        func has(_ words: [String]) -> Bool { words.contains { key.contains($0) } }
        switch role {
        case .date:
            if key == "buchung" { return 4 }  // ING's "Buchung" column
            guard has(["date", "datum", "fecha", "buchungstag", "wertstellung", "valuta", "jour"]) else { return 0 }
            if has(["valut", "value", "valeur", "wert", "fechavalor"]) { return 1 }  // value date: second choice
            return has(["buchung", "booking", "transaction", "operation", "trans"]) ? 4 : 3
        case .amount:
            guard has(["amount", "betrag", "montant", "importe", "bedrag", "umsatz", "summe"]),
                  !has(["balance", "saldo", "solde", "kontostand", "original", "foreign", "fremd", "umsatzart", "type", "typ"]) else { return 0 }
            return key == "amount" || key == "betrag" ? 3 : 2
        case .debit:
            let debit = has(["debit", "debet", "soll", "withdrawal", "moneyout", "paidout", "ausgang", "ausgabe",
                             "cargo", "retrait", "uitgaven", "afschrijving"])
            return debit && !has(["haben", "credit", "card", "karte"]) ? 2 : 0
        case .credit:
            let credit = has(["credit", "haben", "deposit", "moneyin", "paidin", "eingang", "einnahme", "gutschrift",
                              "abono", "depot", "inkomsten", "bijschrijving"])
            return credit && !has(["soll", "debit", "card", "karte"]) ? 2 : 0
        case .party:
            if has(["payee", "merchant", "empfanger", "empfaenger", "auftraggeber", "begunstigter", "beguenstigter",
                    "zahlungspflichtiger", "beneficiaire", "beneficiario", "tiers", "counterparty", "recipient",
                    "payer", "commercant", "comercio", "tegenpartij"]) { return 3 }
            guard has(["name", "naam", "nom", "nombre"]),
                  !has(["account", "konto", "cuenta", "compte", "rekening", "card", "karte", "iban"]) else { return 0 }
            return 2
        case .description:
            if has(["description", "verwendungszweck", "libelle", "concepto", "omschrijving", "details", "narrative",
                    "particulars", "beschreibung", "descripcion", "intitule"]) { return 2 }
            return has(["buchungstext", "text"]) ? 1 : 0
        case .memo:
            return has(["memo", "note", "notiz", "mitteilung", "mededeling", "commentaire", "comentario", "remarque",
                        "bemerkung", "opmerking"]) ? 2 : 0
        case .category:
            return has(["category", "kategorie", "categorie", "categoria", "rubrique", "rubriek"]) ? 2 : 0
        case .currency:
            if key == "cur" || key == "ccy" { return 2 }
            return has(["currency", "wahrung", "waehrung", "devise", "moneda", "munt", "valuta"]) ? 2 : 0
        case .identifier:
            guard !has(["mandat", "glaubiger", "creditor", "mandate", "account", "konto"]) else { return 0 }
            if ["id", "ref", "fitid", "txnid", "transactionid", "transaktionsid"].contains(key) { return 3 }
            return has(["transactionid", "reference", "referenz", "referencia", "referentie", "transaktionsid"]) ? 2 : 0
        }
    }

    /// Whether `header` names any role we know (so the record holding it is a header).
    static func isKnown(_ header: String) -> Bool {
        Role.allCases.contains { score(header, for: $0) > 0 }
    }

    /// The header reduced to lower-case ASCII letters and digits, accents folded ("Empfänger" → "empfanger").
    static func key(_ header: String) -> String {
        var key = ""
        for scalar in header.lowercased().unicodeScalars {
            if scalar.isASCII {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { key.unicodeScalars.append(scalar) }
            } else if let folded = folding[scalar] {
                key += folded
            }
        }
        return key
    }

    private static let folding: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = ["ß": "ss", "æ": "ae", "œ": "oe"]
        let groups: [(String, String)] = [
            ("a", "àáâãäå"), ("c", "ç"), ("e", "èéêë"), ("i", "ìíîï"), ("n", "ñ"), ("o", "òóôõöø"), ("u", "ùúûü"),
            ("y", "ýÿ"),
        ]
        for (plain, accented) in groups {
            for scalar in accented.unicodeScalars { table[scalar] = plain }
        }
        return table
    }()
}
