import Fluent
import Foundation
import SQLKit
import Testing
import TiendoApp
import TiendoCore
@testable import TiendoStore
import TiendoTestSupport

/// The audit chain holds over many writes and names the first entry a hand in the database touched.
@Suite struct AuditLogTests {
    static let actor = Actor(username: "kiểm thử", address: "127.0.0.1")

    /// 1.000 random changes in random batches, each batch one transaction like a real write.
    func randomChanges(_ db: any Database, count: Int = 1000) async throws {
        var generator = SystemRandomNumberGenerator()
        var written = 0
        while written < count {
            let batch = min(Int.random(in: 1...4, using: &generator), count - written)
            let changes = (0..<batch).map { i in
                AuditChange([AuditEntity.taskUpdate, .user, .role, .apiToken].randomElement(using: &generator)!,
                            AuditKey("id-\(written + i)"), field: ["status", "progress", "note", nil].randomElement(using: &generator)!,
                            oldValue: Bool.random(using: &generator) ? nil : "cũ \(Int.random(in: 0...100, using: &generator))",
                            newValue: "mới \"\(Int.random(in: 0...100, using: &generator))\"\nxuống dòng")
            }
            try await WriteTransaction.run(on: db) { sql in
                try await AuditLog.append(changes, by: AuditLogTests.actor, reason: Bool.random() ? "lý do" : nil, on: sql)
            }
            written += batch
        }
    }

    @Test(arguments: TestDatabase.available)
    func verifyPassesAfterAThousandChanges(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            try await randomChanges(app.db)
            #expect(try await AuditLog.entries(on: app.db).count == 1000)
            #expect(try await AuditLog.verify(on: app.db) == nil)
        }
    }

    enum Tamper: String, CaseIterable, Sendable { case edit, deleteMiddle, deleteLast, swap }

    @Test(arguments: TestDatabase.available, Tamper.allCases)
    func verifyNamesTheTamperedEntry(_ kind: TestDatabase, _ tamper: Tamper) async throws {
        try await withTiendo(kind) { app in
            try await randomChanges(app.db, count: 50)
            let sql = app.db as! any SQLDatabase
            let expected: Int
            switch tamper {
            case .edit:
                try await sql.update("audit_entries").set("new_value", to: "đã sửa").where("seq", .equal, 17).run()
                expected = 17
            case .deleteMiddle:
                try await sql.delete(from: "audit_entries").where("seq", .equal, 23).run()
                expected = 23
            case .deleteLast:
                try await sql.delete(from: "audit_entries").where("seq", .equal, 50).run()
                expected = 50
            case .swap:
                // Exchange the contents of entries 30 and 31, numbers kept, as a hand-written UPDATE would.
                let rows = try await AuditLog.entries(on: app.db).filter { [30, 31].contains($0.seq) }
                for (row, other) in [(rows[0], rows[1]), (rows[1], rows[0])] {
                    try await sql.update("audit_entries").set("entity_id", to: other.entityId).set("field", to: other.field)
                        .set("old_value", to: other.oldValue).set("new_value", to: other.newValue).set("entity", to: other.entity)
                        .set("reason", to: other.reason).set("previous_hash", to: other.previousHash).set("hash", to: other.hash)
                        .where("seq", .equal, row.seq).run()
                }
                expected = 30
            }
            let problem = try await AuditLog.verify(on: app.db)
            #expect(problem?.seq == expected, "\(tamper): \(problem?.description ?? "not caught")")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTaskUpdateAndItsEntriesCommitTogether(_ kind: TestDatabase) async throws {
        try await withTiendo(kind) { app in
            _ = try await Accountholders.create(on: app.db)
            let principal = try #require(try await Accounts(app.db).principal("halong"))
            let before = try await AuditLog.entries(on: app.db).count
            let update = try await PostTaskUpdate(task: "III.4.(2)", request: TaskUpdateRequest(status: .inProgress, progress: 25, note: "Khởi công"))
                .run(AppContext(db: app.db), by: Caller(principal: principal, address: "10.0.0.1"))
            let entries = try await AuditLog.entries(on: app.db)
            #expect(entries.count == before + 3)
            #expect(entries.suffix(3).allSatisfy { $0.actor == "halong" && $0.address == "10.0.0.1" && $0.reason == "cập nhật số \(update.id!)" })
            #expect(entries.last { $0.field == "progress" }?.newValue == "25")
            // A refused update writes neither the update nor an entry.
            let snapshotBefore = try await snapshot(app.db)
            await #expect(throws: AppError.self) {
                try await PostTaskUpdate(task: "III.4.(1)", request: TaskUpdateRequest(status: .done, progress: 100, note: "x"))
                    .run(AppContext(db: app.db), by: Caller(principal: principal, address: "10.0.0.1"))
            }
            // Invalid input changes nothing either.
            await #expect(throws: AppError.self) {
                try await PostTaskUpdate(task: "III.4.(2)", request: TaskUpdateRequest(status: .done, progress: 80, note: "x"))
                    .run(AppContext(db: app.db), by: Caller(principal: principal, address: "10.0.0.1"))
            }
            #expect(try await snapshot(app.db) == snapshotBefore)
        }
    }
}
