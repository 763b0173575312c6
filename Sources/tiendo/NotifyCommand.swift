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
        // Without --dry-run: into each account's inbox (/thong-bao), once per person and notice, and by e-mail
        // (MAIL_COMMAND) as each person chose on /tai-khoan.
        @Option(name: .customLong("as-of"), help: "Ngày (YYYY-MM-DD); mặc định hôm nay.") var asOf: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let day = try dateOption(asOf, "--as-of") ?? AppClock.today()
            guard dryRun else {
                let sender = SendNotices(day: day)
                let o = try await withDatabase { db, _ in try await sender.run(AppContext(db: db)) }
                print("Ngày \(day.vietnamese): \(o.notices) thông báo; \(o.delivered) tin mới vào hộp thư (/thong-bao), tin đã gửi trước đó không gửi lại.")
                if !o.ran { print("Một máy chủ khác đang chạy việc này; lần này chỉ gửi thư đến hạn.") }
                if sender.mail == nil {
                    print("Thư điện tử: chưa đặt MAIL_COMMAND (ví dụ \"msmtp -t\"), chỉ gửi vào hộp thư.")
                } else {
                    print("Thư điện tử: \(o.queued) thư mới soạn, \(o.sent) đã gửi, \(o.failed) lỗi (sẽ thử lại; xem /quan-tri/nhac-han).")
                }
                return
            }
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
