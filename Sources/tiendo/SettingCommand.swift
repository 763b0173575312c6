import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore

/// The installation's names that reports and pages print, when the plan's own are not the ones to use.
struct SettingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "setting", abstract: "Thiết lập tên hiển thị trên báo cáo và trang web.",
                                                    subcommands: [Set.self, Show.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Đặt một thiết lập: profile.issuer, profile.place hoặc profile.footer (để trống: dùng giá trị của kế hoạch).")
        @Argument(help: "Tên thiết lập.") var key: String
        @Argument(help: "Giá trị; bỏ trống để trở về giá trị của kế hoạch.") var value: String?

        func run() async throws {
            bootstrapLogging(.warning)
            try await failing {
                try await withDatabase { db, _ in
                    try await ChangeSetting(key: key, value: value).run(AppContext(db: db), by: .terminal())
                    print("Đã đặt \(key)\(value.map { " = \($0)" } ?? " về giá trị của kế hoạch").")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Các tên đang dùng trên báo cáo và trang web.")

        func run() async throws {
            bootstrapLogging(.warning)
            let profile = try await withDatabase { db, _ in try await ShowProfile().run(AppContext(db: db)) }
            print(TextTable.render(header: ["Thiết lập", "Giá trị"], rows: [
                [DeploymentProfile.Key.issuer.rawValue, profile.issuer],
                [DeploymentProfile.Key.place.rawValue, profile.place],
                [DeploymentProfile.Key.footer.rawValue, profile.footer],
            ]))
        }
    }
}
