import Foundation
import SQLKit
import TiendoCore
import VaporCSQLite

/// Households written to a SQLite file through a connection of its own, with one prepared multi-row INSERT bound
/// and stepped again and again.
///
/// SQLiteNIO prepares every query anew: an INSERT of 1.000 rows then spends as long parsing its 17.000 placeholders
/// as storing them. Here the statement is parsed once per import. The connection is the same SQLite library the
/// pool uses (so file locks are shared correctly), opened on the same file; each batch is one `BEGIN IMMEDIATE`
/// transaction taken in turn with the process's other writers (`SQLiteWriters`), waiting for other processes
/// like every writer does.
final class SQLiteBulkInsert: @unchecked Sendable {
    /// Rows per prepared statement; a batch's remainder goes through a second statement of its own size.
    static let rowsPerStatement = 250

    private var handle: OpaquePointer?
    private var full: OpaquePointer?
    private let columns: [String], table: String
    /// One batch at a time; calls come from whichever thread runs them.
    private let lock = NSLock()

    init(path: String, table: String, columns: [String]) throws {
        (self.table, self.columns) = (table, columns)
        // No SQLite mutex: `lock` already keeps the connection to one thread at a time.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            defer { close() }
            throw SQLiteBulkInsertError(message: "không mở được \(path): \(lastError)")
        }
        sqlite_nio_sqlite3_busy_timeout(handle, Int32(WriteTransaction.busyTimeoutMilliseconds))
        // Staged rows need no sync of their own: nothing reads them before the survey switches to them, and that
        // switch is committed through the pool's connections with a full sync of the log, these frames included.
        try exec("PRAGMA synchronous = NORMAL")
        full = try prepare(rows: Self.rowsPerStatement)
    }

    deinit { close() }

    func close() {
        sqlite_nio_sqlite3_finalize(full)
        full = nil
        sqlite_nio_sqlite3_close_v2(handle)
        handle = nil
    }

    /// Writes `rows` (each `columns.count` values, filled by `bind`) in one transaction, all or nothing.
    func insert<Row>(_ rows: some Collection<Row>, bind: (Row, inout SQLiteRowBinder) -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        try exec("BEGIN IMMEDIATE")
        do {
            var rest = rows[...]
            while !rest.isEmpty {
                let part = rest.prefix(Self.rowsPerStatement)
                rest = rest.dropFirst(part.count)
                let statement = part.count == Self.rowsPerStatement ? full! : try prepare(rows: part.count)
                defer { if statement != full { sqlite_nio_sqlite3_finalize(statement) } }
                var binder = SQLiteRowBinder(statement: statement)
                for row in part { bind(row, &binder) }
                let stepped = sqlite_nio_sqlite3_step(statement)
                sqlite_nio_sqlite3_reset(statement)   // every value is bound again before the next step
                guard stepped == SQLITE_DONE else { throw SQLiteBulkInsertError(message: lastError) }
            }
            try exec("COMMIT")
        } catch {
            _ = try? exec("ROLLBACK")
            throw error
        }
    }

    private func prepare(rows: Int) throws -> OpaquePointer {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteBulkInsertError(message: lastError)
        }
        return statement
    }

    private func exec(_ sql: String) throws {
        guard sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw SQLiteBulkInsertError(message: lastError) }
    }

    private var lastError: String {
        guard let handle, let message = sqlite_nio_sqlite3_errmsg(handle) else { return "SQLite" }
        return String(cString: message)
    }
}

/// Binds the values of consecutive rows into a prepared statement, left to right.
struct SQLiteRowBinder {
    let statement: OpaquePointer
    private var index: Int32 = 1

    init(statement: OpaquePointer) { self.statement = statement }

    mutating func bind(_ value: Int) {
        sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
        index += 1
    }

    mutating func bind(_ value: Double) {
        sqlite_nio_sqlite3_bind_double(statement, index, value)
        index += 1
    }

    mutating func bind(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            guard let start = bytes.baseAddress else {
                _ = sqlite_nio_sqlite3_bind_text(statement, index, "", 0, sqliteTransient)   // '' rather than NULL
                return
            }
            _ = sqlite_nio_sqlite3_bind_text(statement, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self),
                                             Int32(bytes.count), sqliteTransient)
        }
        index += 1
    }
}

struct SQLiteBulkInsertError: Error, CustomStringConvertible {
    var message: String
    var description: String { "Ghi vào SQLite không được: \(message)" }
}

extension SQLiteBulkInsert {
    /// A bulk writer of households on the file `sql` (a SQLite database) is stored in.
    static func households(of sql: any SQLDatabase) async throws -> SQLiteBulkInsert {
        let file = try await sql.raw("PRAGMA database_list").all().first { (try? $0.decode(column: "name", as: String.self)) == "main" }
            .flatMap { try? $0.decode(column: "file", as: String.self) }
        guard let file, !file.isEmpty else { throw SQLiteBulkInsertError(message: "cơ sở dữ liệu không có tệp") }
        return try SQLiteBulkInsert(path: file, table: HouseholdRow.table, columns: HouseholdRow.columns)
    }

    /// One batch of a survey's households staged under `key`, as one transaction in the process's turn of writers;
    /// the blocking SQLite calls run off the cooperative threads.
    func write(_ batch: [SurveyHousehold], key: Int) async throws {
        try await SQLiteWriters.gate.run {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                DispatchQueue.global().async {
                    continuation.resume(with: Result {
                        try self.insert(batch) { h, row in
                            let r = h.record
                            row.bind(key); row.bind(h.id); row.bind(h.communeCode); row.bind(r.area.rawValue); row.bind(r.members)
                            row.bind(r.ethnicMinority ? 1 : 0); row.bind(r.weight)
                            row.bind(r.incomes.0); row.bind(r.incomes.1); row.bind(r.incomes.2); row.bind(r.incomes.3)
                            row.bind(r.incomes.4); row.bind(r.incomes.5); row.bind(r.incomes.6)
                            row.bind(r.deprivations); row.bind(r.deprivationFlags); row.bind(h.kind.rawValue)
                        }
                    })
                }
            }
        }
    }
}
