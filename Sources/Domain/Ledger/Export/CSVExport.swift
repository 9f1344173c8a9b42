/// Writing CSV for spreadsheets: RFC 4180 records, with cells defused against formula injection.
public enum CSVExport {
    /// One RFC 4180 record ending in CRLF; a field is quoted (quotes doubled) when it holds a comma, quote or line break.
    public static func record(_ fields: [String]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            line += quotedIfNeeded(field)
        }
        return line + "\r\n"
    }

    /// `cell` made safe to open in a spreadsheet (OWASP CSV injection): text starting with `=`, `+`, `-`, `@`, tab or
    /// carriage return gets a leading `'`; plain numbers such as `-12.50` or `+3` stay numbers.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.utf8.first, triggers.contains(first), !isPlainNumber(cell) else { return cell }
        return "'" + cell
    }

    /// A whole document: the header and rows as records, every cell neutralised.
    public static func document(header: [String], rows: [[String]]) -> String {
        var document = record(header.map(neutralised))
        for row in rows { document += record(row.map(neutralised)) }
        return document
    }

    // = + - @ tab carriage-return
    private static let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    private static func quotedIfNeeded(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var quoted = "\""
        for character in field.unicodeScalars {
            if character == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }

    /// `^[+-]?[0-9]+(\.[0-9]+)?$`
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: 0x2E, maxSplits: 1, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { (0x30...0x39).contains($0) } }
    }
}
