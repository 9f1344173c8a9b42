import Domain
import Testing

extension LedgerImport {
    @Suite struct ImportTextTests {
        @Test func validUTF8IsKeptAndItsByteOrderMarkDropped() {
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Empfänger;Betrag €".utf8)
            #expect(ImportText.decode(bytes) == "Empfänger;Betrag €")
        }

        @Test func invalidUTF8IsReadAsWindows1252() {
            let bytes = LedgerImport.windows1252("Bäckerei Schäfer;-3,20 €;Straße")
            #expect(bytes.contains(0xE4) && bytes.contains(0x80))
            #expect(ImportText.decode(bytes) == "Bäckerei Schäfer;-3,20 €;Straße")
        }

        @Test func windows1252PunctuationMapsToItsUnicodeCharacters() {
            #expect(ImportText.decode([0x93, 0x4F, 0x4B, 0x94, 0x20, 0x96, 0x20, 0x99]) == "\u{201C}OK\u{201D} \u{2013} \u{2122}")
        }

        @Test func utf16WithByteOrderMarkIsDecoded() {
            let littleEndian: [UInt8] = [0xFF, 0xFE] + "Date;€".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let bigEndian: [UInt8] = [0xFE, 0xFF] + "Date;€".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            #expect(ImportText.decode(littleEndian) == "Date;€")
            #expect(ImportText.decode(bigEndian) == "Date;€")
        }

        @Test func formatIsDetectedFromContentBeforeFileName() {
            #expect(ImportFormat.detect("OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>", fileName: "export.csv") == .ofx)
            #expect(ImportFormat.detect("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?>\n<OFX></OFX>", fileName: nil) == .ofx)
            #expect(ImportFormat.detect("\u{FEFF}!Type:Bank\nD1/31/2024\nT-5.00\n^\n", fileName: "x.txt") == .qif)
            #expect(ImportFormat.detect("  \n!type:CCard\n", fileName: nil) == .qif)
            #expect(ImportFormat.detect("Date,Amount\n2024-01-31,-5.00\n", fileName: "statement.csv") == .csv)
            #expect(ImportFormat.detect("garbage", fileName: "Statement.QFX") == .ofx)
            #expect(ImportFormat.detect("garbage", fileName: "old.qif") == .qif)
            #expect(ImportFormat.detect("Date,Memo\n2024-01-31,see <OFX> docs\n", fileName: nil) == .csv)
            #expect(ImportFormat.detect("\r\n<OFX><SIGNONMSGSRSV1>", fileName: nil) == .ofx)
            #expect(ImportFormat.allCases.map(\.rawValue) == ["CSV", "OFX", "QIF"])
        }
    }
}
