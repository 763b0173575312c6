import Foundation
import SQLKit
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport

/// A backup taken while writes go on is one consistent moment: restored into an empty SQLite or PostgreSQL database
/// it has every row, stored files byte for byte, and an audit chain that verifies and ends at the backup's head; a
/// restore into a database that has data, or over an existing backup file, is refused and changes nothing.
@Suite struct BackupTests {
    @Test(arguments: TestDatabase.available)
    func aBackupTakenWhileWritingRestoresWhole(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            try await OpenDatabase.with(location) { open in
                let actor = Actor(username: "kiểm thử", address: nil)
                try await Accounts(open.db).create(username: "bdt", passwordHash: "x", grant: RoleGrant(role: .coordinator), by: actor)
                let update = try await TaskReporting(open.db).insert(
                    TaskUpdate(planId: "kh-54-ubnd-2024", taskCode: "III.4.(2)", reporter: "Ban Dân tộc", role: .lead, status: .inProgress,
                               progress: 20, note: "Đã khảo sát, \"đợt 1\"\nxong", username: "bdt", createdAt: Timestamp.now()), by: actor)
                var pdf = Data("%PDF-1.4\n".utf8)
                pdf.append(contentsOf: (0..<4096).map { UInt8($0 % 256) })
                let evidence = try await Evidence(open.db).insert(try EvidenceUpload(content: pdf, fileName: "Biên bản.pdf", contentType: "application/pdf"),
                                                                  to: try #require(update.id), task: "III.4.(2)", by: actor)
                // Households: on PostgreSQL the one table with no index on id, read through a cursor.
                let surveys = SurveyImportTests()
                try await surveys.importFile(try surveys.file(1_200), year: 2024, by: surveys.coordinator, on: open.db)

                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-backup-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let file = folder.appendingPathComponent("tiendo.backup").path
                // Writers keep going while the backup is taken.
                let writer = Task {
                    for i in 0..<40 { try await Settings(open.db).set("profile.footer", "Chân trang \(i)", by: actor) }
                }
                let backup = try await Backup.write(from: open.db, to: file)
                try await writer.value
                let final = try await AuditLog.headSeq(on: open.db)
                #expect(backup.auditSeq >= 4 && backup.auditSeq <= final)
                await #expect(throws: AppError.self) { _ = try await Backup.write(from: open.db, to: file) }   // never over a file
                // The export has every household, one line each after the header (the ids' tabs and backslashes kept).
                let exported = folder.appendingPathComponent("xuat")
                _ = try await TableExport.write(open.db, to: exported)
                let households = try String(contentsOf: exported.appendingPathComponent("households.csv"), encoding: .utf8)
                    .components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                #expect(households.count == 1_200 && households.allSatisfy { $0.contains(",H\t") })

                for target in TestDatabase.available {
                    try await target.withFresh { restoredAt in
                        try await OpenDatabase.with(restoredAt, migratedOnly: true) { restored in
                            let summary = try await Backup.restore(from: file, into: restored.db)
                            #expect(summary == backup, "\(kind) → \(target)")
                            #expect(try await AuditLog.verify(on: restored.db) == nil)
                            let copy = try await Evidence(restored.db).file(id: evidence.id, task: "III.4.(2)")
                            #expect(copy?.1 == pdf)
                            let note = try await TaskReporting(restored.db).updates(task: "III.4.(2)", planId: "kh-54-ubnd-2024").first?.note
                            #expect(note == "Đã khảo sát, \"đợt 1\"\nxong")
                            #expect(try await Surveys(restored.db).count(year: 2024) == 1_200)
                            // A restored database carries on: its next audit entry chains on the restored head.
                            try await Settings(restored.db).set("profile.place", "Hạ Long", by: actor)
                            let chainBreak = try await AuditLog.verify(on: restored.db), head = try await AuditLog.headSeq(on: restored.db)
                            #expect(chainBreak == nil && head == backup.auditSeq + 1)
                            try await surveys.importFile(try surveys.file(300), year: 2024, by: surveys.coordinator, on: restored.db)
                            #expect(try await Surveys(restored.db).count(year: 2024) == 300)
                            // A second restore into it is refused, and changes nothing.
                            let before = try await snapshot(restored.db)
                            await #expect(throws: AppError.self) { _ = try await Backup.restore(from: file, into: restored.db) }
                            #expect(try await snapshot(restored.db) == before)
                        }
                    }
                }
            }
        }
    }

    /// A file that is no whole Tiendo backup (cut short in a copy, another file given by mistake, an empty one, a
    /// SQLite file of something else) is refused with its name, and the target stays empty.
    @Test func aFileThatIsNoWholeBackupIsRefusedByName() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.backup").path
        try await TestDatabase.sqlite.withFresh { location in
            try await OpenDatabase.with(location) { open in _ = try await Backup.write(from: open.db, to: whole) }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let other = folder.appendingPathComponent("khac.sqlite").path
        try await OpenDatabase.with(.sqlite(path: other), prepared: false) { open in
            try await (open.db as! any SQLDatabase).raw("CREATE TABLE ghi_chu (x TEXT)").run()
        }
        let files = ["cut.backup": bytes.prefix(bytes.count / 2), "notes.txt": Data("Biên bản họp\n".utf8), "empty.backup": Data()]
        var paths = [other]
        for (name, content) in files.sorted(by: { $0.key < $1.key }) {
            let path = folder.appendingPathComponent(name).path
            try content.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        for path in paths {
            try await TestDatabase.sqlite.withFresh { target in
                try await OpenDatabase.with(target, migratedOnly: true) { restored in
                    let before = try await snapshot(restored.db)
                    do {
                        _ = try await Backup.restore(from: path, into: restored.db)
                        Issue.record("\(path) was restored")
                    } catch let error as AppError {
                        #expect(error.description.contains(path) && error.description.contains("không khôi phục gì"), "\(error)")
                    }
                    #expect(try await snapshot(restored.db) == before)
                }
            }
        }
    }
}
