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

    /// `text` as a JSON string: quotes, backslashes and every control character (C0, C1, line and paragraph
    /// separators) escaped, so a line stays one line. Runs between escapes are copied whole.
    static func quote(_ text: String, into line: inout String) {
        let scalars = text.unicodeScalars
        line.append("\"")
        var plain = scalars.startIndex
        for index in scalars.indices {
            guard let escaped = escape(scalars[index]) else { continue }
            line.unicodeScalars.append(contentsOf: scalars[plain..<index])
            line.append(escaped)
            plain = scalars.index(after: index)
        }
        line.unicodeScalars.append(contentsOf: scalars[plain...])
        line.append("\"")
    }

    /// How `scalar` is written inside a JSON string; nil when it is written as it is.
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return nil
        }
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
