import FluentKit
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// Reads that every request asking at about the same time shares: one statement for all of them.
///
/// A kept page is served when the audit log's head has not moved since it was kept, so every request reads the head
/// (or its session, which carries the head); on PostgreSQL that was a round trip through the pool each, and several
/// instances share one database. Here a request joins the next read to *start*, never one already under way (that
/// one may have begun before a change this request's client has just made through another instance), so every answer
/// is at least as new as the moment it was asked for. Under a burst the database sees about one statement per round
/// trip instead of one per request.
public final class SharedReads<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var reading = false
        var waiting: [(key: Key, promise: EventLoopPromise<Value?>)] = []
    }

    /// The most keys one statement asks for; the rest wait for the next round (they asked before it starts).
    static var maxKeys: Int { 500 }

    private let state = NIOLockedValueBox(State())
    private let read: @Sendable (Set<Key>) -> EventLoopFuture<[Key: Value]>

    /// `read` reads the values of a set of keys (a key it finds nothing for is left out); it is called again for each
    /// round of waiting requests, never twice at once.
    public init(read: @escaping @Sendable (Set<Key>) -> EventLoopFuture<[Key: Value]>) {
        self.read = read
    }

    /// `key`'s value (nil when there is none) as read by a statement that started after this call; completed on
    /// `eventLoop`.
    public func value(of key: Key, on eventLoop: any EventLoop) -> EventLoopFuture<Value?> {
        let promise = eventLoop.makePromise(of: Value?.self)
        let starts = state.withLockedValue { state -> Bool in
            state.waiting.append((key, promise))
            guard !state.reading else { return false }
            state.reading = true
            return true
        }
        if starts { startRound() }
        return promise.futureResult
    }

    /// Reads for those waiting now (up to `maxKeys` keys); whoever arrives meanwhile waits for the round after.
    private func startRound() {
        let round = state.withLockedValue { state in
            var keys = Set<Key>(), count = 0
            for asked in state.waiting {
                if !keys.contains(asked.key) {
                    guard keys.count < Self.maxKeys else { break }
                    keys.insert(asked.key)
                }
                count += 1
            }
            defer { state.waiting.removeFirst(count) }
            return Array(state.waiting.prefix(count))
        }
        read(Set(round.map(\.key))).whenComplete { result in
            for asked in round { asked.promise.completeWith(result.map { $0[asked.key] }) }
            let again = self.state.withLockedValue { state -> Bool in
                if state.waiting.isEmpty { state.reading = false }
                return !state.waiting.isEmpty
            }
            if again { self.startRound() }
        }
    }
}

/// The one key of the audit log's head.
public enum AuditHeadKey: Hashable, Sendable { case head }

extension SharedReads where Key == AuditHeadKey, Value == Int {
    /// The audit log's head, read through the pool of `databases` (its default database).
    public static func auditHead(_ databases: Databases, logger: Logger) -> SharedReads {
        SharedReads { _ in
            sql(databases, logger: logger).flatMap { sql in
                sql.raw("\(unsafeRaw: AuditLog.headSQL)").first().flatMapThrowing { row in
                    [.head: try row?.decode(column: "seq", as: Int.self) ?? 0]
                }
            }
        }
    }

    /// The head as read by a statement that started after this call.
    public func head(on eventLoop: any EventLoop) -> EventLoopFuture<Int> {
        value(of: .head, on: eventLoop).map { $0 ?? 0 }
    }
}

extension SharedReads where Key == String, Value == SessionState {
    /// Sessions by the hash of their cookie (`AuditLog.hash`), as `Credentials.sessionState` reads them, many in one
    /// statement; an expired session is left out as if it were not there.
    public static func sessions(_ databases: Databases, logger: Logger) -> SharedReads {
        SharedReads { hashes in
            sql(databases, logger: logger).flatMap { sql in
                let binds: [any Encodable & Sendable] = Array(hashes)
                return sql.raw("\(unsafeRaw: Credentials.sessionStateSQL(where: "IN")) (\(binds: binds))").all().flatMapThrowing { rows in
                    let now = Timestamp.now()
                    var found: [String: SessionState] = [:]
                    for row in rows where try row.decode(column: "expires_at", as: String.self) > now {
                        found[try row.decode(column: "token_hash", as: String.self)] = try Credentials.sessionState(row)
                    }
                    return found
                }
            }
        }
    }
}

/// The default database of `databases` as SQL, on any of its event loops.
private func sql(_ databases: Databases, logger: Logger) -> EventLoopFuture<any SQLDatabase> {
    let eventLoop = databases.eventLoopGroup.any()
    guard let db = databases.database(logger: logger, on: eventLoop) as? any SQLDatabase else {
        return eventLoop.makeFailedFuture(SharedReadsError.notSQL)
    }
    return eventLoop.makeSucceededFuture(db)
}

enum SharedReadsError: Error {
    case notSQL
}
