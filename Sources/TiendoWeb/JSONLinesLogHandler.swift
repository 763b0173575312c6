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
        var fields: [String: Any] = ["time": Self.time(Date()), "level": "\(event.level)", "label": label, "message": "\(event.message)"]
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        for (key, value) in all where fields[key] == nil { fields[key] = Self.plain(value) }
        if event.level >= .error { fields["source"] = "\(event.file):\(event.line)" }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        write(String(decoding: data, as: UTF8.self) + "\n")
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case let .string(text): text
        case let .stringConvertible(thing): "\(thing)"
        case let .array(values): values.map(plain)
        case let .dictionary(values): values.mapValues(plain)
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
