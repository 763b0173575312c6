import Foundation
import Logging
import TiendoStore

/// Logs as JSON lines (one object per line: time, level, label, message, and the metadata — a request's
/// "request-id" among them), which journald, Loki or `jq` read without a parser of their own.
public struct JSONLinesLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = JSONLinesLogHandler.standardError) {
        (self.label, self.logLevel, self.write) = (label, level, write)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: Logger.Metadata.Value] = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        fields["time"] = .string(Self.time(Date()))
        fields["level"] = .string("\(event.level)")
        fields["label"] = .string(label)
        fields["message"] = .string("\(event.message)")
        if event.level >= .error { fields["source"] = .string("\(event.file):\(event.line)") }
        var line = ""
        line.reserveCapacity(256)
        Self.encode(.dictionary(fields), into: &line)
        line.append("\n")
        write(line)
    }

    /// JSON written by hand, keys sorted: with Foundation's `JSONSerialization` a line per request halved the rate
    /// a server at `info` could answer kept pages at.
    static func encode(_ value: Logger.Metadata.Value, into line: inout String) {
        switch value {
        case let .string(text): quote(text, into: &line)
        case let .stringConvertible(thing): quote("\(thing)", into: &line)
        case let .array(values):
            line.append("[")
            for (index, value) in values.enumerated() {
                if index > 0 { line.append(",") }
                encode(value, into: &line)
            }
            line.append("]")
        case let .dictionary(values):
            line.append("{")
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line.append(",") }
                quote(key, into: &line)
                line.append(":")
                encode(values[key]!, into: &line)
            }
            line.append("}")
        }
    }

    /// `text` as a JSON string: quotes, backslashes and every control character (C0, C1, line and paragraph separators) escaped, so a line stays one line.
    static func quote(_ text: String, into line: inout String) {
        line.append("\"")
        var plain = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = plain
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escaped: String?
            switch scalar {
            case "\"": escaped = "\\\""
            case "\\": escaped = "\\\\"
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            default:
                guard scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 else {
                    escaped = nil
                    break
                }
                let hex = String(scalar.value, radix: 16)
                escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            if let escaped {
                line.unicodeScalars.append(contentsOf: scalars[plain..<index])
                line.append(escaped)
                plain = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        line.unicodeScalars.append(contentsOf: scalars[plain..<scalars.endIndex])
        line.append("\"")
    }

    /// The time in Vietnam (UTC+7 all year), "2026-11-30T21:30:00.123+07:00".
    static func time(_ date: Date) -> String { Timestamp.string(date, offsetHours: 7) }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `LOG_LEVEL` (trace, debug, info, notice, warning, error, critical); unset: `fallback`. Anything else is refused
    /// rather than silently logging at a level nobody asked for.
    public static func level(from environment: [String: String], fallback: Logger.Level) throws -> Logger.Level {
        guard let text = environment["LOG_LEVEL"]?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return fallback }
        guard let level = Logger.Level(rawValue: text) else {
            throw LogLevelInvalid(text: text)
        }
        return level
    }

    public struct LogLevelInvalid: Error, CustomStringConvertible {
        var text: String
        public var description: String { "LOG_LEVEL=\"\(text.prefix(20))\" không hợp lệ; dùng trace, debug, info, notice, warning, error hoặc critical." }
    }
}
