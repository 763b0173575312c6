import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// One message in a person's inbox.
public struct InboxMessage: Hashable, Sendable, Codable {
    public var id: Int
    public var kind: String
    public var text: String
    public var link: String
    public var day: CivilDate
    public var read: Bool
}

/// The in-app inbox. A notice reaches a person at most once: (username, notice key) is unique, and a delivery that
/// meets an existing row changes nothing, whichever run or instance came first.
public struct Inbox: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    /// Delivers each notice to each of its usernames; returns how many were new.
    @discardableResult
    public func deliver(_ items: [(username: String, notice: Notice)]) async throws -> Int {
        try await WriteTransaction.run(on: db) { sql in try await Inbox.deliver(items, on: sql) }
    }

    /// The same inside the caller's transaction (a return, a run of the notice job).
    static func deliver(_ items: [(username: String, notice: Notice)], on sql: any SQLDatabase) async throws -> Int {
        let now = Timestamp.now()
        var added = 0
        for item in items {
            let inserted = try await sql.insert(into: "notifications")
                .columns("username", "notice_key", "kind", "text", "link", "day", "created_at", "urgent")
                .values(SQLBind(item.username), SQLBind(item.notice.key), SQLBind(item.notice.kind.rawValue), SQLBind(item.notice.text),
                        SQLBind(item.notice.link), SQLBind(item.notice.day.iso), SQLBind(now), SQLBind(item.notice.isUrgent ? 1 : 0))
                .ignoringConflicts(with: ["username", "notice_key"])
                .returning("id").all()
            added += inserted.count
        }
        return added
    }

    public func unread(_ username: String) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
            .where("username", .equal, username).where("read_at", .is, SQLLiteral.null).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The newest `limit` messages first.
    public func messages(_ username: String, limit: Int = 200) async throws -> [InboxMessage] {
        try await sql.select().columns("id", "kind", "text", "link", "day", "read_at").from("notifications")
            .where("username", .equal, username).orderBy("id", .descending).limit(limit).all().map { row in
                InboxMessage(id: try row.decode(column: "id", as: Int.self), kind: try row.decode(column: "kind", as: String.self),
                             text: try row.decode(column: "text", as: String.self), link: try row.decode(column: "link", as: String.self),
                             day: CivilDate(iso: try row.decode(column: "day", as: String.self)) ?? .distantPast,
                             read: try row.decode(column: "read_at", as: String?.self) != nil)
            }
    }

    public func markAllRead(_ username: String) async throws {
        try await sql.update("notifications").set("read_at", to: Timestamp.now())
            .where("username", .equal, username).where("read_at", .is, SQLLiteral.null).run()
    }
}
