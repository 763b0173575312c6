import FluentKit
import SQLKit

/// Key–value settings of an installation.
public struct Settings: Sendable {
    let sql: any SQLDatabase

    public init(_ db: any Database) { sql = db as! any SQLDatabase }

    public func value(_ key: String) async throws -> String? {
        try await sql.select().column("value").from("settings").where("key", .equal, key).first(decodingColumn: "value", as: String.self)
    }

    public func set(_ key: String, _ value: String) async throws {
        try await sql.delete(from: "settings").where("key", .equal, key).run()
        try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
    }

    /// Whether this database was filled by `tiendo demo load`; pages then say so.
    public func isDemo() async throws -> Bool { try await value("demo") == "1" }
}
