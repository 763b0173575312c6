import Fluent
import Foundation
import SQLKit
import Testing
import TiendoCore
import TiendoStore
import TiendoTestSupport
import Vapor
import VaporTesting

/// Accounts, tokens, reporting and the audit log from the terminal, as the closing note shows them.
@Suite struct AccessCLITests {
    let cli = CLITests()

    /// Opens the same database the CLI wrote, to look at it directly.
    func inspect<T>(_ location: DatabaseLocation, _ body: @escaping (any Database) async throws -> T) async throws -> T {
        try await OpenDatabase.with(location, prepared: false) { open in try await body(open.db) }
    }

    /// An error quoting what was typed never passes a terminal's escape sequence through; its text stays readable.
    @Test func anErrorNeverEchoesControlCharacters() async throws {
        try await TestDatabase.sqlite.withFresh { location in
            let run = try cli.tiendo(["user", "create", "--username", "ab\u{1B}[2J\u{7}cd", "--role", "admin", "--password-stdin"], location,
                                     stdin: "mot-mat-khau-that-dai\n")
            #expect(run.status != 0)
            #expect(run.stderr.hasPrefix("Lỗi: ") && run.stderr.contains("ab[2Jcd"), "\(run.stderr)")
            #expect(!run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(run.stderr.debugDescription)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func firstInstallWalkthrough(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            let admin = try cli.tiendo(["user", "create", "--username", "quantri", "--role", "admin", "--password-stdin"], location,
                                       stdin: "mot-mat-khau-that-dai\n")
            #expect(admin.status == 0, "\(admin.stderr)")
            #expect(admin.stdout.contains("Đã tạo tài khoản quantri"))
            let short = try cli.tiendo(["user", "create", "--username", "ngan", "--role", "viewer", "--password-stdin"], location, stdin: "ngan")
            #expect(short.status == 2)
            #expect(short.stderr.contains("ít nhất 12 ký tự"))
            let noStdin = try cli.tiendo(["user", "create", "--username", "x2", "--role", "viewer"], location)
            #expect(noStdin.status != 0)
            let officer = try cli.tiendo(["user", "create", "--username", "halong", "--role", "district-officer", "--scope", "193",
                                          "--password-stdin"], location, stdin: "mat-khau-ha-long-2024\n")
            #expect(officer.status == 0, "\(officer.stderr)")
            let badScope = try cli.tiendo(["user", "create", "--username", "sai", "--role", "district-officer", "--scope", "06649",
                                           "--password-stdin"], location, stdin: "mat-khau-ha-long-2024\n")
            #expect(badScope.status == 2)
            let token = try cli.tiendo(["token", "create", "--username", "halong", "--expires", "2099-01-01"], location)
            #expect(token.status == 0)
            #expect(token.stdout.hasPrefix("tdo_"))
            #expect(token.stderr.contains("không được in lại"))
            let listed = try cli.tiendo(["token", "list"], location)
            #expect(!listed.stdout.contains(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))

            let accepted = try cli.tiendo(["task", "update", "III.4.(2)", "--status", "in_progress", "--progress", "40",
                                           "--note", "Đã khảo sát 3 xã", "--as", "halong"], location)
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(accepted.stdout.contains("UBND thành phố Hạ Long — đang triển khai, 40%"))

            let before = try await inspect(location) { try await snapshot($0) }
            // Once the district has ended (01/07/2025) its officer no longer writes.
            let ended = try cli.tiendo(["task", "update", "III.4.(2)", "--status", "done", "--progress", "100", "--as", "halong"],
                                       location, today: "2025-07-01")
            #expect(ended.status == 3, "\(ended.stderr)")
            #expect(try await inspect(location) { try await snapshot($0) } == before)
            let refused = try cli.tiendo(["task", "update", "III.4.(1)", "--status", "done", "--progress", "100",
                                          "--unit", "Sở Giao thông vận tải", "--as", "halong"], location)
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("không có quyền báo cáo thay cho Sở Giao thông vận tải"))
            #expect(try await inspect(location) { try await snapshot($0) } == before)

            let verified = try cli.tiendo(["audit", "verify"], location)
            #expect(verified.status == 0)
            #expect(verified.stdout.contains("toàn vẹn"))
            let csv = try cli.tiendo(["audit", "list", "--entity", "task_update", "--format", "csv"], location)
            #expect(csv.stdout.hasPrefix("\u{FEFF}Số,Thời điểm (UTC),Người thực hiện"))
            #expect(csv.stdout.contains("Đã khảo sát 3 xã"))

            try await inspect(location) { db in
                try await (db as! any SQLDatabase).update("audit_entries").set("new_value", to: "100").where("seq", .equal, 9).run()
            }
            let caught = try cli.tiendo(["audit", "verify"], location)
            #expect(caught.status == 1)
            #expect(caught.stderr.contains("Mục nhật ký số 9"))
        }
    }

    /// Every role through `tiendo task update --as`: in scope it is stored; out of scope exit 3 and nothing changes.
    @Test(arguments: TestDatabase.available)
    func taskUpdateMatrix(_ kind: TestDatabase) async throws {
        try await kind.withFresh { location in
            _ = try cli.tiendo(["migrate"], location)
            try await inspect(location) { db in _ = try await Accountholders.create(on: db) }
            let cases: [(String, String, String?, Int32)] = [
                ("sogtvt", "III.4.(1)", nil, 0), ("sogtvt", "III.2.(1)", "Sở Nông nghiệp và Phát triển nông thôn", 3),
                ("halong", "III.4.(2)", nil, 0), ("halong", "III.4.(1)", "193", 3),
                ("hakhanh", "III.10.(6)", nil, 0), ("hakhanh", "III.4.(2)", "06649", 3),
                ("bandantoc", "III.4.(1)", "Sở Giao thông vận tải", 0), ("quantri", "III.4.(1)", "Sở Giao thông vận tải", 3),
                ("nguoixem", "III.4.(1)", "Sở Giao thông vận tải", 3), ("khongco", "III.4.(1)", nil, 4),
            ]
            for (user, task, unit, expected) in cases {
                let before = try await inspect(location) { try await snapshot($0) }
                let run = try cli.tiendo(["task", "update", task, "--status", "in_progress", "--progress", "10", "--as", user]
                                         + (unit.map { ["--unit", $0] } ?? []), location)
                #expect(run.status == expected, "\(user) \(task): \(run.stderr)")
                let after = try await inspect(location) { try await snapshot($0) }
                #expect((after == before) == (expected != 0), "\(user) \(task)")
            }
        }
    }
}
