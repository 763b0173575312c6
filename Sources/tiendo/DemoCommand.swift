import ArgumentParser
import Foundation
import TiendoCore
import TiendoApp
import TiendoStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Dữ liệu mô phỏng cho người mới.",
                                                    subcommands: [Load.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "load", 
            abstract: "Tạo một cơ sở dữ liệu riêng chứa năm 2024 mô phỏng (không bao giờ ghi vào cơ sở dữ liệu thật).")
        @Option(help: "Tệp SQLite của dữ liệu mô phỏng.") var path: String = "data/demo.sqlite"
        @Option(help: "Chỉ mô phỏng các huyện này (mã, cách nhau bởi dấu phẩy); mặc định cả 13.") var districts: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let real = try DatabaseLocation.from()
            let target = URL(fileURLWithPath: path).standardizedFileURL.path
            if case let .sqlite(realPath) = real, URL(fileURLWithPath: realPath).standardizedFileURL.path == target {
                throw ValidationError("\(path) là cơ sở dữ liệu thật (DATABASE_URL); chọn một tệp khác cho dữ liệu mô phỏng.")
            }
            guard !FileManager.default.fileExists(atPath: target) else {
                throw ValidationError("\(path) đã có; xóa tệp đó trước nếu muốn tạo lại dữ liệu mô phỏng.")
            }
            let only = districts.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
            setenv("DATABASE_URL", "sqlite:\(target)", 1)
            let summary = try await withDatabase { db, _ in try await LoadDemo.run(AppContext(db: db), districts: only) }
            print("Đã tạo dữ liệu mô phỏng tại \(path): \(summary.updates) cập nhật nhiệm vụ, \(summary.submissions) bộ số liệu đã gửi (xã và cơ quan).")
            print("Tài khoản (mật khẩu chung \(summary.password)): " + summary.accounts.joined(separator: ", "))
            print("Chạy: DATABASE_URL=sqlite:\(path) tiendo serve")
        }
    }
}
