import ArgumentParser
import Logging
import TiendoCore
import TiendoStore
import FluentKit

/// The `tiendo` command: the web server and the administration and reporting tools, in one executable.
@main
struct Tiendo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiendo",
        abstract: "Tiendo: theo dõi tiến độ thực hiện kế hoạch (mặc định: Kế hoạch 54/KH-UBND tỉnh Quảng Ninh).",
        discussion: "Cơ sở dữ liệu: đặt DATABASE_URL (để trống: SQLite tại data/tiendo.sqlite; \"sqlite:ĐƯỜNG_DẪN\"; \"postgres://…\").",
        subcommands: [Serve.self, Migrate.self, PlanCommand.self, Tasks.self, Units.self, AgencyCommand.self, TaskCommand.self,
                      UserCommand.self, TokenCommand.self, SettingCommand.self, AuditCommand.self, DemoCommand.self, RollupCommand.self, HouseholdsCommand.self, ReportCommand.self, MoneyCommand.self, NotifyCommand.self]
    )
}

/// Opens the configured database (DATABASE_URL), migrated and seeded, runs `body`, and always closes it.
/// Commands other than `serve` never start the web application.
func withDatabase<T>(_ body: (any Database, SeedLoader.Outcome) async throws -> T) async throws -> T {
    try await OpenDatabase.with(try DatabaseLocation.from()) { open in try await body(open.db, open.outcome) }
}

/// Parses a date option ("2024-06-01"); a wrong one is refused naming the option and the form it needs.
func dateOption(_ value: String?, _ option: String) throws -> CivilDate? {
    guard let value else { return nil }
    guard let date = CivilDate(iso: value) else {
        throw ValidationError("\(option) \"\(value)\" không phải ngày hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2024-06-01.")
    }
    return date
}

/// Logs go to stderr at `level` so command output on stdout stays clean for pipes.
func bootstrapLogging(_ level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
