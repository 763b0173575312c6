import Foundation

/// Where Tiendo keeps its data, read from DATABASE_URL.
///
/// Unset: SQLite at data/tiendo.sqlite (the embedded default); `sqlite:PATH`: SQLite at PATH;
/// `postgres://…` or `postgresql://…`: a PostgreSQL server for multi-user deployments.
public enum DatabaseLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "data/tiendo.sqlite"

    public static func from(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseLocation {
        guard let raw = environment["DATABASE_URL"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return .sqlite(path: defaultSQLitePath)
        }
        if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw DatabaseLocationError(value: raw) }
            return .sqlite(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            return .postgres(url: raw)
        }
        throw DatabaseLocationError(value: raw)
    }

    /// For logs: the PostgreSQL password is never printed.
    public var description: String {
        switch self {
        case let .sqlite(path): return "SQLite tại \(path)"
        case let .postgres(url):
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL tại \(components.string ?? "?")"
        }
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible {
    public var value: String
    public var description: String {
        "DATABASE_URL=\"\(value)\" không hợp lệ. Để trống (SQLite tại data/tiendo.sqlite), hoặc dùng \"sqlite:ĐƯỜNG_DẪN\" hay \"postgres://người_dùng@máy:cổng/csdl\"."
    }
}
