import ArgumentParser
import Foundation
import Logging
import TiendoCore
import TiendoStore
import TiendoWeb
import FluentKit

/// The `tiendo` command: the web server and the administration and reporting tools, in one executable.
@main
struct Tiendo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiendo",
        abstract: "Tiendo: theo dõi tiến độ thực hiện kế hoạch (mặc định: Kế hoạch 54/KH-UBND tỉnh Quảng Ninh).",
        discussion: "Cơ sở dữ liệu: đặt DATABASE_URL (để trống: SQLite tại data/tiendo.sqlite; \"sqlite:ĐƯỜNG_DẪN\"; \"postgres://…\").",
        subcommands: [Serve.self, Migrate.self, PlanCommand.self, Tasks.self, Units.self, AgencyCommand.self, TaskCommand.self,
                      UserCommand.self, TokenCommand.self, SettingCommand.self, AuditCommand.self, DemoCommand.self, RollupCommand.self, HouseholdsCommand.self, ReportCommand.self, MoneyCommand.self, NotifyCommand.self, BackupCommand.self, RestoreCommand.self, ExportCommand.self]
    )
}

/// Opens the configured database (DATABASE_URL), migrated and seeded, runs `body`, and always closes it.
/// Commands other than `serve` never start the web application.
func withDatabase<T>(_ body: (any Database, SeedLoader.Outcome) async throws -> T) async throws -> T {
    do {
        return try await OpenDatabase.with(try DatabaseLocation.from()) { open in try await body(open.db, open.outcome) }
    } catch {
        throw databaseFailure(error)
    }
}

/// Parses a date option ("2024-06-01"); a wrong one is refused naming the option and the form it needs.
func dateOption(_ value: String?, _ option: String) throws -> CivilDate? {
    guard let value else { return nil }
    guard let date = CivilDate(iso: value) else {
        throw ValidationError("\(option) \"\(value)\" không phải ngày hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2024-06-01.")
    }
    return date
}

/// Logs go to stderr at `level` (or `LOG_LEVEL`) so command output on stdout stays clean for pipes; the server logs
/// JSON lines (`json`) unless `LOG_FORMAT=text`.
func bootstrapLogging(_ level: Logger.Level, json: Bool = false) {
    let environment = ProcessInfo.processInfo.environment
    let chosen: Logger.Level
    do {
        chosen = try JSONLinesLogHandler.level(from: environment, fallback: level)
    } catch {
        FileHandle.standardError.write(Data("Lỗi: \(error)\n".utf8))
        Foundation.exit(2)
    }
    let asJSON = json && environment["LOG_FORMAT"]?.lowercased() != "text"
    LoggingSystem.bootstrap { label in
        if asJSON { return JSONLinesLogHandler(label: label, level: chosen) }
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = chosen
        return handler
    }
}
