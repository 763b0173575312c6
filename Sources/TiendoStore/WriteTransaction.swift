import FluentKit
import Foundation
import Metrics
import SQLKit

/// A write: one database transaction, with its audit entries, that other writers wait for rather than break.
///
/// SQLite: `BEGIN IMMEDIATE` takes the file's write lock before the first read, so a state read inside the
/// transaction cannot go stale before the write (a deferred transaction would fail with SQLITE_BUSY_SNAPSHOT
/// instead), and a busy timeout lets a second process (a command next to the server) wait its turn.
/// Within one process SQLite writers also take turns on an async gate, so a waiting writer never occupies one of
/// the few database threads the lock holder needs. PostgreSQL: an ordinary transaction; what must not change
/// between read and write is locked with `lock(_:on:)`.
public enum WriteTransaction {
    /// How long a SQLite writer waits for another process's write before giving up.
    public static let busyTimeoutMilliseconds = 30_000

    public static func run<T: Sendable>(on db: any Database,
                                        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await db.transaction { tx in try await body(tx as! any SQLDatabase) }
        }
        return try await SQLiteWriters.gate.run {
            try await db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(sql)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    /// Takes `key` until the transaction ends if no other transaction holds it; false when one does (a job another
    /// instance is running). SQLite: always true, `BEGIN IMMEDIATE` already admits one writer.
    public static func tryLock(_ key: String, on sql: any SQLDatabase) async throws -> Bool {
        guard sql.dialect.name == "postgresql" else { return true }
        return try await sql.raw("SELECT pg_try_advisory_xact_lock(hashtextextended(\(bind: key), 0)) AS held")
            .first(decodingColumn: "held", as: Bool.self) ?? false
    }

    /// Holds `keys` until the transaction ends, so two writers of the same thing (a submission, a token) take
    /// turns: PostgreSQL transaction-level advisory locks, taken in sorted order so two writers never deadlock.
    /// SQLite needs none: `BEGIN IMMEDIATE` already admits one writer at a time.
    public static func lock(_ keys: [String], on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        for key in Set(keys).sorted() {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: key), 0))").run()
        }
    }
}

/// One SQLite writer at a time in this process, first come first served.
actor SQLiteWriters {
    static let gate = SQLiteWriters()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// How long writers waited for their turn: `tiendo_write_wait_seconds` on `/metrics`. Made on each use, so a
    /// writer that ran before the metrics system started does not keep a handle that records nothing.
    static var waited: Metrics.Timer { Metrics.Timer(label: "tiendo_write_wait_seconds") }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            let start = DispatchTime.now().uptimeNanoseconds
            await withCheckedContinuation { waiting.append($0) }
            Self.waited.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        } else {
            busy = true
            Self.waited.recordNanoseconds(0)
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
