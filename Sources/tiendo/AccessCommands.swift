import ArgumentParser
import FluentKit
import Foundation
import TiendoApp
import TiendoCore
import TiendoStore

extension Role: ExpressibleByArgument {}

/// Reports an `AppError` the way a shell script can act on: a Vietnamese message on stderr and a distinct exit code.
/// What went wrong while running is not a misuse of the command, so no "Usage:" follows it (ArgumentParser adds one
/// to a `ValidationError`).
func failing<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as AppError {
        // A message may quote what was typed or read from a file: its control characters (an escape sequence that
        // would drive the terminal) are dropped, its line breaks kept.
        FileHandle.standardError.write(Data("Lỗi: \(FreeText.displayable(error.description))\n".utf8))
        throw ExitCode(error.exitCode)
    } catch {
        throw databaseFailure(error)
    }
}

/// The database's own words on stderr (no such database, password refused), not PostgresNIO's generic sentence,
/// and the exit code to end with; any other error is handed back as it is.
func databaseFailure(_ error: any Error) -> any Error {
    guard let explanation = DatabaseProblem.explanation(error) else { return error }
    let location = (try? DatabaseLocation.from()).map { " (\($0))" } ?? ""
    FileHandle.standardError.write(Data("Lỗi: cơ sở dữ liệu\(location): \(FreeText.displayable(explanation))\n".utf8))
    return ExitCode.failure
}


struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Quản lý tài khoản (không có tài khoản mặc định).",
                                                    subcommands: [Create.self, Grant.self, Unlock.self, Notices.self, List.self])

    struct Notices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "notices", abstract: "Đặt địa chỉ thư và cách nhận thông báo của một tài khoản (như trang /tai-khoan).")
        @Option(help: "Tên đăng nhập.") var username: String
        @Option(help: "Địa chỉ thư điện tử; \"\" để bỏ.") var email: String
        @Option(help: "Thư tổng hợp: ngay (mỗi ngày) hoặc tuan (thứ Hai).") var digest: String = "ngay"
        @Flag(inversion: .prefixedNo, help: "Gửi ngay việc gấp (hạn hôm nay hoặc ngày mai, số liệu bị trả lại).") var urgent = true

        func run() async throws {
            bootstrapLogging(.warning)
            guard let frequency = NoticePreferences.Frequency(rawValue: digest) else { throw ValidationError("--digest là ngay hoặc tuan.") }
            try await failing {
                try await withDatabase { db, _ in
                    try await SaveNoticePreferences(username: username, email: email, frequency: frequency, urgentNow: urgent)
                        .run(AppContext(db: db), by: .terminal())
                    print("Đã lưu cách nhận thông báo của \(username): \(email.isEmpty ? "chỉ trong Tiến độ" : email), \(frequency.vietnamese)\(urgent ? ", việc gấp gửi ngay" : "").")
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Tạo tài khoản; mật khẩu đọc từ stdin.")
        @Option(help: "Tên đăng nhập.") var username: String
        @Option(help: "Vai trò: admin, coordinator, agency-officer, district-officer, commune-officer, viewer.") var role: Role
        @Option(help: "Phạm vi: tên cơ quan (agency-officer) hoặc mã đơn vị (district-/commune-officer).") var scope: String?
        @Option(name: .customLong("map"), help: "Ngày của bản đồ đọc mã đơn vị (YYYY-MM-DD; mặc định hôm nay): mã có thể đã được dùng lại.") var map: String?
        @Flag(help: "Đọc mật khẩu từ stdin (bắt buộc).") var passwordStdin = false

        func run() async throws {
            bootstrapLogging(.warning)
            guard passwordStdin else { throw ValidationError("Cần --password-stdin: mật khẩu không bao giờ đi qua dòng lệnh.") }
            let password = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .newlines)
            try await failing {
                try await withDatabase { db, _ in
                    let grant = try await CreateUser(username: username, password: password, role: role, scope: scope,
                                                     mapDate: try dateOption(map, "--map"))
                        .run(AppContext(db: db), by: .terminal())
                    print("Đã tạo tài khoản \(username): \(role.vietnamese)\(grant.scope == nil ? "" : " — " + grant.scopeDescription).")
                }
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant", abstract: "Thêm một vai trò cho tài khoản.")
        @Option(help: "Tên đăng nhập.") var username: String
        @Option(help: "Vai trò.") var role: Role
        @Option(help: "Phạm vi.") var scope: String?
        @Option(name: .customLong("map"), help: "Ngày của bản đồ đọc mã đơn vị (YYYY-MM-DD; mặc định hôm nay).") var map: String?

        func run() async throws {
            bootstrapLogging(.warning)
            try await failing {
                try await withDatabase { db, _ in
                    try await GrantRole(username: username, role: role, scope: scope, mapDate: try dateOption(map, "--map")).run(AppContext(db: db), by: .terminal())
                    print("Đã thêm vai trò \(role.rawValue) cho \(username).")
                }
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Mở khóa tài khoản bị khóa do đăng nhập sai.")
        @Option(help: "Tên đăng nhập.") var username: String

        func run() async throws {
            bootstrapLogging(.warning)
            try await failing {
                try await withDatabase { db, _ in
                    try await UnlockUser(username: username).run(AppContext(db: db), by: .terminal())
                    print("Đã mở khóa \(username).")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê tài khoản và vai trò.")

        func run() async throws {
            bootstrapLogging(.warning)
            let users = try await withDatabase { db, _ in try await ListUsers().run(AppContext(db: db), by: .terminal()) }
            let rows = users.map { u in
                [u.user, u.grants.map { "\($0.role.rawValue)\($0.scope == nil ? "" : " " + $0.scopeDescription)" }.joined(separator: "; "),
                 u.locked ? "bị khóa" : ""]
            }
            print(TextTable.render(header: ["Tài khoản", "Vai trò", "Trạng thái"], rows: rows))
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Mã truy cập API (Authorization: Bearer …).",
                                                    subcommands: [Create.self, Revoke.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Tạo mã truy cập; mã chỉ in ra một lần.")
        @Option(help: "Tài khoản sở hữu mã.") var username: String
        @Option(help: "Hết hạn từ ngày này (YYYY-MM-DD).") var expires: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let expiresOn = try dateOption(expires, "--expires")
            try await failing {
                try await withDatabase { db, _ in
                    let token = try await CreateToken(for: username, expiresOn: expiresOn).run(AppContext(db: db), by: .terminal())
                    print(token.token)
                    FileHandle.standardError.write(Data("Mã \(token.id) của \(username)\(expiresOn.map { ", hết hạn từ \($0.vietnamese)" } ?? ""). Lưu lại ngay: mã không được in lại.\n".utf8))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Thu hồi một mã truy cập theo số hiệu (phần sau tdo_).")
        @Argument(help: "Số hiệu mã, ví dụ abcdefgh.") var id: String

        func run() async throws {
            bootstrapLogging(.warning)
            let revoke = RevokeToken(id: self.id)
            let id = revoke.id
            try await failing {
                try await withDatabase { db, _ in
                    try await revoke.run(AppContext(db: db), by: .terminal())
                    print("Đã thu hồi mã \(id).")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê mã truy cập (không in mã bí mật).")
        @Option(help: "Chỉ mã của tài khoản này.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let tokens = try await withDatabase { db, _ in try await ListTokens(of: username).run(AppContext(db: db), by: .terminal()) }
            print(TextTable.render(header: ["Số hiệu", "Tài khoản", "Hết hạn", "Trạng thái"], rows: tokens.map {
                [$0.id, $0.username, $0.expiresOn.flatMap(CivilDate.init(iso:))?.vietnamese ?? "", $0.revoked ? "đã thu hồi" : "còn hiệu lực"]
            }))
        }
    }
}

/// Who a command that writes acts as: the named account (`--as`, its scope checked), or whoever runs it on the server.
func callerOrTerminal(_ username: String?, on db: any Database) async throws -> Caller {
    guard username != nil else { return .terminal() }
    return try await actingAs(username, on: db)
}

/// Who a command acts as: the named account, or, when none is named, the server's operator with Ban Dân tộc's
/// rights (whoever runs the command on the server can reach the database anyway); either way the audit log says so.
func actingAs(_ username: String?, on db: any Database) async throws -> Caller {
    guard let username else {
        return Caller(principal: Principal(username: "dòng lệnh", grants: [RoleGrant(role: .coordinator)]), address: "dòng lệnh")
    }
    try AppClock.check()
    guard let account = try await AppContext(db: db).principal(username) else { throw ValidationError("Không có tài khoản \(username).") }
    return Caller(principal: account, address: "dòng lệnh")
}
