import FluentKit
import SQLKit
import TiendoCore

/// Key–value settings of an installation; every change is audited in its transaction.
public struct Settings: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    public func value(_ key: String) async throws -> String? {
        try await sql.select().column("value").from("settings").where("key", .equal, key).first(decodingColumn: "value", as: String.self)
    }

    /// Every setting, by key.
    public func all() async throws -> [String: String] {
        let rows = try await sql.select().columns("key", "value").from("settings").all()
        var result: [String: String] = [:]
        for row in rows { result[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self) }
        return result
    }

    /// Sets `key` (nil removes it), with its audit entry, in one transaction.
    public func set(_ key: String, _ value: String?, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await WriteTransaction.lock(["setting|\(key)"], on: sql)
            let old = try await sql.select().column("value").from("settings").where("key", .equal, key)
                .first(decodingColumn: "value", as: String.self)
            guard old != value else { return }
            try await sql.delete(from: "settings").where("key", .equal, key).run()
            if let value {
                try await sql.insert(into: "settings").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
            }
            try await AuditLog.append([AuditChange(.setting, AuditKey(key), field: "value", oldValue: old, newValue: value)],
                                      by: actor, on: sql)
        }
    }

    /// The installation's names: the plan's, with the settings' overrides.
    public func profile(for plan: Plan) async throws -> DeploymentProfile {
        DeploymentProfile(plan: plan, settings: try await all())
    }

    /// Whether this database was filled by `tiendo demo load`; pages then say so.
    public func isDemo() async throws -> Bool { try await value("demo") == "1" }
}
