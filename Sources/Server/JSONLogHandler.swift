import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line: time, level, label, message, metadata, source.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    /// A handler writing to standard output.
    public init(label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, level: level, metadataProvider: metadataProvider) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    /// A handler passing each finished line to `write` (used by tests).
    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one JSON line, merging handler, provider and event metadata (the event's wins).
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        write(Self.render(
            time: Date(), level: event.level, label: label, message: event.message.description,
            metadata: merged, source: event.source, file: event.file, line: event.line
        ))
    }

    /// The JSON line for one event; keys in a fixed order so lines are easy to read and to compare.
    static func render(
        time: Date, level: Logger.Level, label: String, message: String,
        metadata: Logger.Metadata, source: String, file: String, line: UInt
    ) -> String {
        var fields = [
            "\"time\":" + quote(time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "\"level\":" + quote(level.rawValue),
            "\"label\":" + quote(label),
            "\"message\":" + quote(message),
        ]
        for key in metadata.keys.sorted() where !["time", "level", "label", "message", "source"].contains(key) {
            fields.append(quote(key) + ":" + json(metadata[key]!))
        }
        fields.append("\"source\":" + quote(source))
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return quote(text)
        case .stringConvertible(let convertible): return quote(convertible.description)
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { quote($0) + ":" + json(dictionary[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal (RFC 8259 escaping).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
