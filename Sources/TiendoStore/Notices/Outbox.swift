import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// A mail waiting to go, or tried and failed: what the administrator sees.
public struct OutboxMail: Hashable, Sendable {
    public var id: Int
    public var username: String
    public var address: String
    public var subject: String
    public var body: String
    public var createdAt: String
    public var attempts: Int
    public var nextAttemptAt: String
    public var sentAt: String?
    public var lastError: String?
}

/// E-mail: each person's preferences, the digests composed from their inbox, and the mails waiting, claimed, sent
/// or retried. A mail is composed once per person and key (unique in `mail_outbox`); an inbox message is carried by
/// one mail (`notifications.mail_key`); a mail is claimed before it is sent, so two instances never both send it.
public struct Outbox: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    // MARK: Preferences

    public func preferences(_ username: String) async throws -> NoticePreferences {
        guard let row = try await sql.select().columns("email", "digest", "urgent_now").from("users").where("username", .equal, username).first() else {
            throw Accounts.unknown(username)
        }
        return try Self.preferences(row)
    }

    static func preferences(_ row: any SQLRow) throws -> NoticePreferences {
        NoticePreferences(email: try row.decode(column: "email", as: String?.self),
                          frequency: try row.decode(column: "digest", as: String?.self).flatMap(NoticePreferences.Frequency.init(rawValue:)) ?? .daily,
                          urgentNow: (try row.decode(column: "urgent_now", as: Int?.self) ?? 1) != 0)
    }

    /// Stores `preferences` (already checked), each changed field audited, in one transaction.
    public func setPreferences(_ username: String, _ preferences: NoticePreferences, by actor: Actor) async throws {
        try await WriteTransaction.run(on: db) { sql in
            guard let row = try await sql.select().columns("email", "digest", "urgent_now").from("users").where("username", .equal, username).first() else {
                throw Accounts.unknown(username)
            }
            let old = try Self.preferences(row)
            var changes: [AuditChange] = []
            if old.email != preferences.email {
                changes.append(AuditChange(.user, AuditKey(username), field: "email", oldValue: old.email, newValue: preferences.email))
            }
            if old.frequency != preferences.frequency {
                changes.append(AuditChange(.user, AuditKey(username), field: "digest", oldValue: old.frequency.rawValue, newValue: preferences.frequency.rawValue))
            }
            if old.urgentNow != preferences.urgentNow {
                changes.append(AuditChange(.user, AuditKey(username), field: "urgent_now", oldValue: old.urgentNow ? "1" : "0", newValue: preferences.urgentNow ? "1" : "0"))
            }
            guard !changes.isEmpty else { return }
            try await sql.update("users").set("email", to: SQLBind(preferences.email)).set("digest", to: SQLBind(preferences.frequency.rawValue))
                .set("urgent_now", to: SQLBind(preferences.urgentNow ? 1 : 0)).where("username", .equal, username).run()
            try await AuditLog.append(changes, by: actor, on: sql)
        }
    }

    // MARK: The notice job

    /// One run's writes, in one transaction: the day's notices into the inboxes and, when `composeMail`, the mails due
    /// composed from what each person has not been mailed yet. Nil when another instance is running the job (PostgreSQL;
    /// on SQLite the transaction itself makes runs take turns). Interrupted, it leaves nothing behind.
    public func deliverAndCompose(_ items: [(username: String, notice: Notice)], day: CivilDate, composeMail: Bool,
                                  site: String) async throws -> (delivered: Int, queued: Int)? {
        try await WriteTransaction.run(on: db) { sql in
            guard try await WriteTransaction.tryLock("notice-job", on: sql) else { return nil }
            let delivered = try await Inbox.deliver(items, on: sql)
            let queued = composeMail ? try await Self.compose(day: day, site: site, on: sql) : 0
            return (delivered, queued)
        }
    }

    /// For each person with an address: urgent items in one mail now if they chose so, the rest in the day's (or the
    /// week's) digest once it is due. A digest key already used that day leaves its items for the next one.
    static func compose(day: CivilDate, site: String, on sql: any SQLDatabase) async throws -> Int {
        let people = try await sql.select().columns("username", "email", "digest", "urgent_now").from("users")
            .where("email", .isNot, SQLLiteral.null).where("locked_at", .is, SQLLiteral.null).orderBy("username").all()
        let now = Timestamp.now()
        var queued = 0
        for person in people {
            let username = try person.decode(column: "username", as: String.self)
            let preferences = try Self.preferences(person)
            guard let address = preferences.email else { continue }
            let pending = try await sql.select().columns("id", "kind", "text", "link", "urgent").from("notifications")
                .where("username", .equal, username).where("mail_key", .is, SQLLiteral.null).orderBy("id").all()
                .map { row in
                    (id: try row.decode(column: "id", as: Int.self), urgent: (try row.decode(column: "urgent", as: Int?.self) ?? 0) != 0,
                     item: Digest.Item(kind: Notice.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .reminder,
                                       text: try row.decode(column: "text", as: String.self), link: try row.decode(column: "link", as: String.self)))
                }
            guard !pending.isEmpty else { continue }
            var batches: [(key: String, rows: [(id: Int, urgent: Bool, item: Digest.Item)], urgent: Bool)] = []
            let urgent = preferences.urgentNow ? pending.filter(\.urgent) : []
            if let first = urgent.first { batches.append(("khan|\(first.id)", urgent, true)) }
            if let key = Digest.key(preferences.frequency, on: day) {
                let rest = pending.filter { row in !urgent.contains { $0.id == row.id } }
                if !rest.isEmpty { batches.append((key, rest, false)) }
            }
            for batch in batches {
                let mail = Digest.compose(batch.rows.map(\.item), urgent: batch.urgent, day: day, site: site)
                let inserted = try await sql.insert(into: "mail_outbox")
                    .columns("username", "address", "mail_key", "subject", "body", "created_at", "attempts", "next_attempt_at")
                    .values(SQLBind(username), SQLBind(address), SQLBind(batch.key), SQLBind(mail.subject), SQLBind(mail.body),
                            SQLBind(now), SQLBind(0), SQLBind(now))
                    .ignoringConflicts(with: ["username", "mail_key"])
                    .returning("id").all()
                guard !inserted.isEmpty else { continue }
                queued += 1
                try await sql.update("notifications").set("mail_key", to: SQLBind(batch.key))
                    .where("id", .in, SQLBind.group(batch.rows.map(\.id))).where("mail_key", .is, SQLLiteral.null).run()
            }
        }
        return queued
    }

    /// Claims up to `limit` mails due at `now` for `leaseSeconds`: another instance skips them until then, and a
    /// process that dies holding them lets them go again when the lease ends.
    public func claimDue(now: Date = Date(), limit: Int = 50, leaseSeconds: Int = 600) async throws -> [OutboxMail] {
        let stamp = Timestamp.string(now), until = Timestamp.string(now.addingTimeInterval(Double(leaseSeconds)))
        return try await WriteTransaction.run(on: db) { sql in
            let rows = try await sql.raw("""
                UPDATE mail_outbox SET claimed_until = \(bind: until)
                WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= \(bind: stamp)
                             AND (claimed_until IS NULL OR claimed_until < \(bind: stamp)) ORDER BY id LIMIT \(bind: limit))
                  AND (claimed_until IS NULL OR claimed_until < \(bind: stamp))
                RETURNING \(unsafeRaw: Self.mailColumns.joined(separator: ", "))
                """).all()
            return try rows.map(Self.mail).sorted { $0.id < $1.id }
        }
    }

    public func markSent(_ id: Int, at now: Date = Date()) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await sql.update("mail_outbox").set("sent_at", to: SQLBind(Timestamp.string(now))).set("claimed_until", to: SQLLiteral.null)
                .set("attempts", to: SQLRaw("attempts + 1")).where("id", .equal, id).run()
        }
    }

    /// Records a failed attempt and when the next one is due (`MailRetry`); the mail stays until it goes.
    public func markFailed(_ id: Int, error: String, at now: Date = Date()) async throws {
        try await WriteTransaction.run(on: db) { sql in
            let attempts = (try await sql.select().column("attempts").from("mail_outbox").where("id", .equal, id)
                .first(decodingColumn: "attempts", as: Int.self) ?? 0) + 1
            let next = now.addingTimeInterval(Double(MailRetry.delaySeconds(afterAttempts: attempts)))
            try await sql.update("mail_outbox").set("attempts", to: SQLBind(attempts)).set("next_attempt_at", to: SQLBind(Timestamp.string(next)))
                .set("claimed_until", to: SQLLiteral.null).set("last_error", to: SQLBind(String(error.prefix(500))))
                .where("id", .equal, id).run()
        }
    }

    /// Mails not sent yet, failed ones first; and how many were sent in all.
    public func waiting(limit: Int = 200) async throws -> (waiting: [OutboxMail], sent: Int) {
        let rows = try await sql.select().columns(Self.mailColumns.map { SQLIdentifier($0) })
            .from("mail_outbox").where("sent_at", .is, SQLLiteral.null).orderBy("attempts", .descending).orderBy("id").limit(limit).all()
        let sent = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("mail_outbox")
            .where("sent_at", .isNot, SQLLiteral.null).first(decodingColumn: "n", as: Int.self) ?? 0
        return (try rows.map(Self.mail), sent)
    }

    /// Every mail of a person, newest first (tests, and an administrator answering "did I get it?").
    public func mails(to username: String) async throws -> [OutboxMail] {
        try await sql.select().columns(Self.mailColumns.map { SQLIdentifier($0) })
            .from("mail_outbox").where("username", .equal, username).orderBy("id", .descending).all().map(Self.mail)
    }

    /// What `mail(_:)` reads, for every query that lists mails.
    static let mailColumns = ["id", "username", "address", "subject", "body", "created_at", "attempts", "next_attempt_at", "sent_at", "last_error"]

    static func mail(_ row: any SQLRow) throws -> OutboxMail {
        OutboxMail(id: try row.decode(column: "id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                   address: try row.decode(column: "address", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                   body: try row.decode(column: "body", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self),
                   attempts: try row.decode(column: "attempts", as: Int.self), nextAttemptAt: try row.decode(column: "next_attempt_at", as: String.self),
                   sentAt: try row.decode(column: "sent_at", as: String?.self), lastError: try row.decode(column: "last_error", as: String?.self))
    }
}

/// One line per run of the notice job: when, where, and what it did (or why it stopped).
public struct NoticeRun: Hashable, Sendable {
    public var id: Int
    public var day: CivilDate
    public var instance: String
    public var startedAt: String
    public var finishedAt: String?
    public var notices: Int, delivered: Int, queued: Int, sent: Int, failed: Int
    public var outcome: String?
}

public struct NoticeRuns: Sendable {
    let db: any Database
    var sql: any SQLDatabase { db as! any SQLDatabase }

    public init(_ db: any Database) { self.db = db }

    public func start(day: CivilDate, instance: String) async throws -> Int {
        try await WriteTransaction.run(on: db) { sql in
            try await sql.insert(into: "notice_runs")
                .columns("day", "instance", "started_at", "notices", "delivered", "queued", "sent", "failed")
                .values(SQLBind(day.iso), SQLBind(instance), SQLBind(Timestamp.now()), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0))
                .returning("id").first(decodingColumn: "id", as: Int.self) ?? 0
        }
    }

    public func finish(_ id: Int, notices: Int, delivered: Int, queued: Int, sent: Int, failed: Int, outcome: String) async throws {
        try await WriteTransaction.run(on: db) { sql in
            try await sql.update("notice_runs").set("finished_at", to: SQLBind(Timestamp.now())).set("notices", to: SQLBind(notices))
                .set("delivered", to: SQLBind(delivered)).set("queued", to: SQLBind(queued)).set("sent", to: SQLBind(sent))
                .set("failed", to: SQLBind(failed)).set("outcome", to: SQLBind(String(outcome.prefix(500)))).where("id", .equal, id).run()
        }
    }

    public func recent(limit: Int = 20) async throws -> [NoticeRun] {
        try await sql.select().columns("*").from("notice_runs").orderBy("id", .descending).limit(limit).all().map { row in
            NoticeRun(id: try row.decode(column: "id", as: Int.self), day: CivilDate(iso: try row.decode(column: "day", as: String.self)) ?? .distantPast,
                      instance: try row.decode(column: "instance", as: String.self), startedAt: try row.decode(column: "started_at", as: String.self),
                      finishedAt: try row.decode(column: "finished_at", as: String?.self),
                      notices: try row.decode(column: "notices", as: Int.self), delivered: try row.decode(column: "delivered", as: Int.self),
                      queued: try row.decode(column: "queued", as: Int.self), sent: try row.decode(column: "sent", as: Int.self),
                      failed: try row.decode(column: "failed", as: Int.self), outcome: try row.decode(column: "outcome", as: String?.self))
        }
    }
}
