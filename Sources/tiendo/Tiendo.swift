import ArgumentParser
import Logging
import TiendoCore
import TiendoStore
import TiendoWeb
import Vapor

/// The `tiendo` command: the web server and the administration and reporting tools, in one executable.
@main
struct Tiendo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiendo",
        abstract: "Tiendo: theo dõi tiến độ thực hiện kế hoạch (mặc định: Kế hoạch 54/KH-UBND tỉnh Quảng Ninh).",
        discussion: "Cơ sở dữ liệu: đặt DATABASE_URL (để trống: SQLite tại data/tiendo.sqlite; \"sqlite:ĐƯỜNG_DẪN\"; \"postgres://…\").",
        subcommands: [Serve.self, Migrate.self, PlanCommand.self, Tasks.self, Units.self, TaskCommand.self,
                      UserCommand.self, TokenCommand.self, AuditCommand.self, DemoCommand.self, RollupCommand.self, HouseholdsCommand.self, ReportCommand.self]
    )
}

/// Opens the configured database, migrated and seeded, runs `body`, and always shuts the application down.
func withApplication<T>(serving arguments: [String] = ["tiendo"],
                        _ body: (Application, SeedLoader.Outcome) async throws -> T) async throws -> T {
    let app = try await Application.make(Environment(name: "production", arguments: arguments))
    do {
        let outcome = try await TiendoApp.configure(app, location: try DatabaseLocation.from())
        let result = try await body(app, outcome)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
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

/// Logs go to stderr at `level` so command output on stdout stays clean for pipes.
func bootstrapLogging(_ level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
