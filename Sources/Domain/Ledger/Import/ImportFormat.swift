/// The kinds of statement file we can import.
public enum ImportFormat: String, Sendable, CaseIterable {
    case csv = "CSV"
    case ofx = "OFX"
    case qif = "QIF"

    /// The format of a file from its content (an OFX/QFX header, or `<OFX>` first; QIF's `!Type:` first), then from
    /// its name's extension (.ofx, .qfx, .qif); CSV when neither says otherwise.
    public static func detect(_ text: String, fileName: String?) -> ImportFormat {
        let head = Self.head(of: text)
        let content = head.drop { $0.isWhitespace }
        if head.contains("ofxheader") || head.contains("<?ofx") || content.hasPrefix("<ofx>")
            || (content.hasPrefix("<?xml") && head.contains("<ofx>")) { return .ofx }
        if Self.firstLine(of: content).hasPrefix("!type:") { return .qif }
        switch fileName.map(Self.fileExtension) {
        case "ofx", "qfx": return .ofx
        case "qif": return .qif
        default: return .csv
        }
    }

    // OFX puts its header or <OFX> at the top; looking further could misread a CSV whose memo mentions OFX.
    private static let headLength = 1024

    private static func head(of text: String) -> String {
        var bytes = Array(text.utf8.prefix(headLength))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    private static func firstLine(of content: Substring) -> Substring {
        content.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
    }

    private static func fileExtension(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: ".") else { return "" }
        return fileName[fileName.index(after: dot)...].lowercased()
    }
}
