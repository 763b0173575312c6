import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore

/// `tiendo notify run --dry-run [--as-of DATE]`: who would be reminded of what on a day.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "Nhắc hạn, báo quá hạn, báo cấp trên.",
                                                    subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Tính các thông báo của một ngày theo quy tắc nhắc hạn.")
        @Flag(name: .customLong("dry-run"), help: "Chỉ in ra ai sẽ được nhắc việc gì, không gửi.") var dryRun = false
        @Option(name: .customLong("as-of"), help: "Ngày (YYYY-MM-DD); mặc định hôm nay.") var asOf: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard dryRun else {
                throw ValidationError("Gửi thông báo (hộp thư trong Tiendo, thư điện tử) chưa có trong bản này; dùng --dry-run để xem ai sẽ được nhắc việc gì.")
            }
            let day = try dateOption(asOf, "--as-of") ?? AppClock.today()
            let planned = try await withDatabase { db, _ in try await PreviewNotices(day: day).run(AppContext(db: db)) }
            guard !planned.isEmpty else { print("Ngày \(day.vietnamese): không có thông báo nào."); return }
            print("Ngày \(day.vietnamese): \(planned.count) thông báo (chưa gửi).")
            print(TextTable.render(header: ["Kế hoạch", "Gửi tới", "Tài khoản", "Loại", "Nội dung", "Trang"], rows: planned.map { p in
                [p.plan, p.notice.recipientName, p.accounts.isEmpty ? "(chưa có tài khoản)" : p.accounts.joined(separator: ", "),
                 p.notice.kind.vietnamese, p.notice.text, p.notice.link]
            }))
        }
    }
}
