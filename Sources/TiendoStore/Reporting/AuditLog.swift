import Crypto
import FluentKit
import Foundation
import SQLKit
import TiendoCore

struct AuditRecord: TableRow {
    static let table = "audit_entries"
    var seq: Int
    var at: String
    var actor: String
    var address: String?
    var entity: String
    var entityId: String
    var field: String?
    var oldValue: String?
    var newValue: String?
    var reason: String?
    var previousHash: String
    var hash: String

    init(_ e: AuditEntry) {
        seq = e.seq; at = e.at; actor = e.actor; address = e.address; entity = e.entity; entityId = e.entityId
        field = e.field; oldValue = e.oldValue; newValue = e.newValue; reason = e.reason
        previousHash = e.previousHash; hash = e.hash
    }

    var entry: AuditEntry {
        AuditEntry(seq: seq, at: at, actor: actor, address: address, entity: entity, entityId: entityId, field: field,
                   oldValue: oldValue, newValue: newValue, reason: reason, previousHash: previousHash, hash: hash)
    }
}

/// Who is making a change, and from where.
public struct Actor: Hashable, Sendable {
    public var username: String
    public var address: String?

    public init(username: String, address: String?) {
        self.username = username
        self.address = address
    }
}

/// The append-only, hash-chained record of every change.
public enum AuditLog {
    /// Appends `changes` inside the caller's transaction, after locking the head so entries form one chain.
    static func append(_ changes: [AuditChange], by actor: Actor, reason: String? = nil, on sql: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        struct Head: Decodable { var seq: Int; var hash: String }
        var head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)")
            .first(decoding: Head.self) ?? Head(seq: 0, hash: AuditChain.genesis)
        let isNew = head.seq == 0
        let at = Timestamp.now()
        var records: [AuditRecord] = []
        for change in changes {
            var entry = AuditEntry(seq: head.seq + 1, at: at, actor: actor.username, address: actor.address,
                                   change: change, reason: reason, previousHash: head.hash)
            entry.hash = hash(entry.canonical)
            records.append(AuditRecord(entry))
            head = Head(seq: entry.seq, hash: entry.hash)
        }
        try await sql.insert(records)
        if isNew {
            try await sql.raw("INSERT INTO audit_head (id, seq, hash) VALUES (1, \(bind: head.seq), \(bind: head.hash))").run()
        } else {
            try await sql.raw("UPDATE audit_head SET seq = \(bind: head.seq), hash = \(bind: head.hash) WHERE id = 1").run()
        }
    }

    /// The head's sequence number, as every reader of it asks (the pool, `SQLiteQuickReads`).
    static let headSQL = "SELECT seq FROM audit_head WHERE id = 1"

    /// The number of the newest entry: every change appends one, so it names the state of the data.
    public static func headSeq(on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).raw("\(unsafeRaw: headSQL)").first(decodingColumn: "seq", as: Int.self) ?? 0
    }

    /// SHA-256 in lowercase hex.
    public static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexDigits
    }

    /// Entries, oldest first, filtered.
    public static func entries(on db: any Database, entity: AuditEntity? = nil, user: String? = nil,
                               since: String? = nil, limit: Int? = nil) async throws -> [AuditEntry] {
        var query = (db as! any SQLDatabase).select().column("*").from(AuditRecord.table)
        if let entity { query = query.where("entity", .equal, entity.rawValue) }
        if let user { query = query.where("actor", .equal, user) }
        if let since { query = query.where("at", .greaterThanOrEqual, since) }
        query = query.orderBy("seq")
        if let limit { query = query.limit(limit) }
        return try await query.all(decoding: AuditRecord.self, keyDecodingStrategy: .snakeCase).map(\.entry)
    }

    /// Re-checks the whole chain; nil when intact.
    public static func verify(on db: any Database) async throws -> AuditBreak? {
        let sql = db as! any SQLDatabase
        struct Head: Decodable { var seq: Int; var hash: String }
        let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first(decoding: Head.self)
        let entries = try await sql.select().column("*").from(AuditRecord.table).orderBy("seq")
            .all(decoding: AuditRecord.self, keyDecodingStrategy: .snakeCase).map(\.entry)
        return AuditChain.firstBreak(entries, head: head.map { ($0.seq, $0.hash) } ?? (0, AuditChain.genesis), hash: hash)
    }
}
