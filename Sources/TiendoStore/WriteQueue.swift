import Fluent
import Foundation
import SQLKit

/// Every write of this process goes through here, one at a time, in one transaction with its audit entries.
///
/// SQLite's deferred transactions fail rather than wait when two connections read and then write; a single
/// queue removes that race. Across processes on PostgreSQL, the audit head's row lock orders the writers.
public actor WriteQueue {
    public static let shared = WriteQueue()

    private var tail: Task<Void, Never>?

    /// Runs `body` in a transaction after every write queued before it has finished.
    public func transaction<T: Sendable>(on db: any Database,
                                         _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let previous = tail
        let work = Task<T, any Error> {
            await previous?.value
            return try await db.transaction { tx in try await body(tx as! any SQLDatabase) }
        }
        tail = Task { _ = try? await work.value }
        return try await work.value
    }
}

/// Timestamps as stored: ISO 8601 in UTC with milliseconds, so text order is time order in every database.
public enum Timestamp {
    public static func now() -> String { string(Date()) }

    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
