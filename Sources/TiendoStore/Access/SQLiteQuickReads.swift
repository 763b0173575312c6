import Foundation
import NIOConcurrencyHelpers
import VaporCSQLite

/// The two reads a kept page needs (the audit log's head; a session with the head and its owner's unread count),
/// answered on the calling thread through read-only connections of their own to the same SQLite file.
///
/// Through the pool such a read goes to a thread of the thread pool and back, and that hop was a third of what a
/// kept page cost. In WAL mode a reader never waits for a writer, so the caller's thread (an event loop) is held for
/// microseconds; when SQLite is busy anyway (a recovery, a locked log) the read answers nil at once and the caller
/// takes the pool's way. Each statement is reset after its row, so no connection keeps a read open and holds back
/// checkpoints.
public final class SQLiteQuickReads: @unchecked Sendable {
    /// A connection and its two prepared statements; used by one thread at a time (taken from `idle`).
    private final class Connection {
        let handle: OpaquePointer
        let head: OpaquePointer, session: OpaquePointer

        init?(path: String) {
            var handle: OpaquePointer?
            let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
            guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
                sqlite_nio_sqlite3_close_v2(handle)
                return nil
            }
            var head: OpaquePointer?, session: OpaquePointer?
            guard sqlite_nio_sqlite3_prepare_v2(handle, AuditLog.headSQL, -1, &head, nil) == SQLITE_OK, let head,
                  sqlite_nio_sqlite3_prepare_v2(handle, Credentials.sessionStateSQL(where: "= ?1"), -1, &session, nil) == SQLITE_OK, let session else {
                sqlite_nio_sqlite3_finalize(head)
                sqlite_nio_sqlite3_close_v2(handle)
                return nil
            }
            (self.handle, self.head, self.session) = (handle, head, session)
        }

        deinit {
            sqlite_nio_sqlite3_finalize(head)
            sqlite_nio_sqlite3_finalize(session)
            sqlite_nio_sqlite3_close_v2(handle)
        }
    }

    private let path: String
    private let idle = NIOLockedValueBox<[Connection]>([])

    public init(path: String) { self.path = path }

    /// What `sessionState(cookie:)` found.
    public enum SessionLookup: Sendable, Equatable {
        case live(SessionState)
        /// No such session, or it has expired.
        case absent
        /// Not read here and now: ask the pool.
        case unknown
    }

    /// The audit log's head (0 when empty); nil when it could not be read here and now.
    public func auditHead() -> Int? {
        withConnection { connection -> Int? in
            defer { sqlite_nio_sqlite3_reset(connection.head) }
            switch sqlite_nio_sqlite3_step(connection.head) {
            case SQLITE_ROW: return Int(sqlite_nio_sqlite3_column_int64(connection.head, 0))
            case SQLITE_DONE: return 0
            default: return nil
            }
        } ?? nil
    }

    /// The session behind `cookie`, as `Credentials.sessionState` reads it.
    public func sessionState(cookie: String) -> SessionLookup {
        withConnection { connection -> SessionLookup in
            let statement = connection.session
            defer { sqlite_nio_sqlite3_reset(statement); sqlite_nio_sqlite3_clear_bindings(statement) }
            guard sqlite_nio_sqlite3_bind_text(statement, 1, AuditLog.hash(cookie), -1, sqliteTransient) == SQLITE_OK else { return .unknown }
            switch sqlite_nio_sqlite3_step(statement) {
            case SQLITE_DONE: return .absent
            case SQLITE_ROW: break
            default: return .unknown
            }
            func text(_ column: Int32) -> String? {
                sqlite_nio_sqlite3_column_text(statement, column).map { String(cString: $0) }
            }
            // Columns in `Credentials.sessionStateSQL`'s order: username, csrf_token, expires_at, head, unread.
            guard let username = text(0), let csrf = text(1), let expires = text(2) else { return .unknown }
            guard expires > Timestamp.now() else { return .absent }
            return .live(SessionState(username: username, csrfToken: csrf, auditHead: Int(sqlite_nio_sqlite3_column_int64(statement, 3)),
                                      unread: Int(sqlite_nio_sqlite3_column_int64(statement, 4))))
        } ?? .unknown
    }

    /// Runs `body` on an idle connection (opened when none is), which goes back to `idle` afterwards; nil when no
    /// connection could be opened.
    private func withConnection<T>(_ body: (Connection) -> T) -> T? {
        guard let connection = idle.withLockedValue({ $0.popLast() }) ?? Connection(path: path) else { return nil }
        defer { idle.withLockedValue { $0.append(connection) } }
        return body(connection)
    }
}

/// SQLITE_TRANSIENT ("copy the value now"), which the C header spells as a cast Swift cannot import.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
