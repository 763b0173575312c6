import Foundation
import Testing
import TiendoStore
import TiendoTestSupport

/// The `tiendo` executable as a user runs it: each command on a fresh database, Vietnamese output,
/// machine-readable formats other tools depend on, and errors that say what to fix.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var data: Data
    }

    /// The binary `swift build` put next to the test bundle (TIENDO_BINARY overrides).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["TIENDO_BINARY"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../.build/debug/tiendo").standardized
    }

    /// Runs the command on the seed plan's day (TIENDO_TODAY 2024-12-31, when its district officers still write)
    /// unless `today` names another.
    func tiendo(_ arguments: [String], _ location: DatabaseLocation, stdin: String? = nil, today: String = "2024-12-31") throws -> Run {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        switch location {
        case let .sqlite(path): environment["DATABASE_URL"] = "sqlite:\(path)"
        case let .postgres(url): environment["DATABASE_URL"] = url
        }
        environment["TIENDO_TODAY"] = today
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
        try input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                   stderr: String(decoding: errors, as: UTF8.self), data: data)
    }

    /// A database that cannot be reached, or that does not exist, is named in Vietnamese with what the server said,
    /// its password hidden, and the command fails: not PostgresNIO's generic "PSQLError" sentence.
    @Test func aDatabaseThatCannotBeOpenedIsExplained() throws {
        let refused = try tiendo(["audit", "verify"], .postgres(url: "postgres://tiendo:mat-khau@127.0.0.1:1/tiendo"))
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Lỗi: cơ sở dữ liệu (PostgreSQL tại postgres://tiendo:***@127.0.0.1:1/tiendo): Không kết nối được"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("mat-khau") && !refused.stderr.contains("Generic description"))
        guard let base = TestDatabase.postgresURL, var missing = URLComponents(string: base) else { return }
        missing.path = "/khong_co_csdl_nay"
        let absent = try tiendo(["audit", "verify"], .postgres(url: missing.string!))
        #expect(absent.status != 0)
        #expect(absent.stderr.contains(#"PostgreSQL trả lời: database "khong_co_csdl_nay" does not exist (SQLSTATE 3D000)."#), "\(absent.stderr)")
    }

    /// `tiendo rollup` refuses a file with a figure at the wrong level (a commune's value for a district-level element)
    /// and names it; the same file without it is rolled up.
    @Test func rollupRefusesAFigureAtTheWrongLevel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = "element,unit_code,period,value\ntong_so_ho,06970,2024,1000\nho_nuoc_sach_qcvn,06970,2024,900\n"
        let bad = good + "tong_so_ho,202,2024,5000\n"
        let goodFile = folder.appendingPathComponent("good.csv"), badFile = folder.appendingPathComponent("bad.csv")
        try good.write(to: goodFile, atomically: true, encoding: .utf8)
        try bad.write(to: badFile, atomically: true, encoding: .utf8)
        let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("unused.sqlite").path)
        let refused = try tiendo(["rollup", "--values", badFile.path, "--year", "2024"], location)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("202,tong_so_ho") && refused.stderr.contains("chỉ nhập cho đơn vị cấp xã"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        let fine = try tiendo(["rollup", "--values", goodFile.path, "--year", "2024"], location)
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("06970,commune,"))
    }

    /// `notify run --dry-run`: who would be reminded of what on a day, with their accounts; `notify run` delivers it.
    @Test func notifyDryRunSaysWhoWouldBeRemindedOfWhat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("tiendo.sqlite").path)
        let created = try tiendo(["user", "create", "--username", "bache", "--role", "district-officer", "--scope", "202", "--map", "2024-05-01",
                                  "--password-stdin"], location, stdin: "mat-khau-du-dai-123\n")
        #expect(created.status == 0, "\(created.stderr)")
        let run = try tiendo(["notify", "run", "--dry-run", "--as-of", "2024-05-13"], location)
        #expect(run.status == 0, "\(run.stderr)")
        let line = run.stdout.split(separator: "\n").first { $0.contains("UBND huyện Ba Chẽ") && $0.contains("Báo cáo 6 tháng đầu năm 2024") }
        #expect(line?.contains("bache") == true && line?.contains("còn 2 ngày, hạn 15/05/2024") == true, "\(run.stdout.prefix(600))")
        // Sent into the inbox once: a second run of the same day (a restart) delivers nothing new.
        let first = try tiendo(["notify", "run", "--as-of", "2024-05-13"], location)
        #expect(first.status == 0 && !first.stdout.contains("; 0 tin mới"), "\(first.stdout)\(first.stderr)")
        #expect(try tiendo(["notify", "run", "--as-of", "2024-05-13"], location).stdout.contains("; 0 tin mới"))
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: CLITests.binary.path), "run `swift build` first")
    }

    @Test(arguments: TestDatabase.available)
    func migrateLoadsOnceThenChangesNothing(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            let first = try tiendo(["migrate"], location)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Đã nạp Kế hoạch 54/KH-UBND."))
            let second = try tiendo(["migrate"], location)
            #expect(second.stdout.contains("không thay đổi gì"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func planExportOnAFreshDatabase(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            let run = try tiendo(["plan", "export", "--format", "json"], location)
            #expect(run.status == 0, "\(run.stderr)")
            let root = try #require(try JSONSerialization.jsonObject(with: run.data) as? [String: Any])
            let plan = try #require(root["plan"] as? [String: Any])
            #expect(plan["number"] as? String == "54/KH-UBND")
            #expect(plan["issuedOn"] as? String == "2024-02-23")
            #expect((root["targets"] as? [Any])?.count == 10)
            #expect((root["taskGroups"] as? [[String: Any]])?.map { ($0["tasks"] as? [Any])?.count ?? 0 } == [8, 5, 9, 6, 6, 4, 5, 5, 2, 6, 4])
            #expect((root["appendix"] as? [Any])?.count == 31)
            #expect((root["reportObligations"] as? [[String: Any]])?.compactMap { $0["dueOn"] as? String }.count == 3)
            #expect(((root["legalDocuments"] as? [Any])?.count ?? 0) >= 55)
            let csv = try tiendo(["plan", "export", "--format", "csv"], location)
            #expect(csv.stdout.hasPrefix("\u{FEFF}Nguồn,Mã,Nhóm,Nội dung,Chủ trì,Phối hợp"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func tasksAndUnitsOnAFreshDatabase(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            let tasks = try tiendo(["tasks", "--agency", "Sở Xây dựng", "--due-before", "2024-03-31"], location)
            #expect(tasks.status == 0, "\(tasks.stderr)")
            #expect(tasks.stdout.contains("PL.10"))
            #expect(tasks.stdout.contains("Chủ trì"))
            #expect(tasks.stdout.contains("31/03/2024"))
            let units = try tiendo(["units", "--at", "2024-06-01", "--format", "json"], location)
            let list = try #require(try JSONSerialization.jsonObject(with: units.data) as? [[String: Any]])
            #expect(list.count == 1 + 13 + 177)
            #expect(Set(list[0].keys) == ["code", "name", "level", "parentCode"])
            #expect(list.filter { $0["level"] as? String == "commune" }.count == 177)
            let later = try tiendo(["units", "--at", "2024-12-01"], location)
            #expect(later.stdout.contains("Xã Lương Minh"))
            #expect(later.stdout.contains("171 cấp xã"))
        }
    }

    @Test func badInputIsRefusedWithTheFix() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            let badDate = try tiendo(["units", "--at", "01/06/2024"], location)
            #expect(badDate.status != 0)
            #expect(badDate.stderr.contains("--at"))
            #expect(badDate.stderr.contains("YYYY-MM-DD"))
            let badAgency = try tiendo(["tasks", "--agency", "Sở Không Có"], location)
            #expect(badAgency.status != 0)
            #expect(badAgency.stderr.contains("Sở Không Có"))
            guard case let .sqlite(path) = location else { return }
            let demoOnReal = try tiendo(["demo", "load", "--path", path], location)
            #expect(demoOnReal.status != 0)
            #expect(demoOnReal.stderr.contains("cơ sở dữ liệu thật"))
            let badDatabase = try tiendo(["migrate"], .postgres(url: "mysql://nope"))
            #expect(badDatabase.status != 0)
            #expect(badDatabase.stderr.contains("DATABASE_URL"))
            // What fails while running (no such draft, no such plan) is said once, with its exit code, and not
            // followed by the command's usage as a mistyped option is.
            let noDraft = try tiendo(["plan", "publish", "999"], location)
            #expect(noDraft.status == 4 && noDraft.stderr.hasPrefix("Lỗi: ") && !noDraft.stderr.contains("Usage"), "\(noDraft.stderr)")
            let noPlan = try tiendo(["plan", "export", "--plan", "khong-co"], location)
            #expect(noPlan.status == 4 && !noPlan.stderr.contains("Usage"), "\(noPlan.stderr)")
        }
    }
}
