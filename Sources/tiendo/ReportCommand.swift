import ArgumentParser
import Foundation
import TiendoCore
import TiendoReports
import TiendoStore

/// Official reports drafted from the data: DOCX in the NĐ 30/2020 layout, XLSX annexes.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Báo cáo soạn sẵn từ số liệu (DOCX theo NĐ 30/2020, phụ lục XLSX).",
                                                    subcommands: [Build.self])

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập dự thảo báo cáo của một đơn vị, hoặc báo cáo tổng hợp của Ban Dân tộc khi không nêu --reporter.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case docx, xlsx }

        @Option(help: "Chế độ báo cáo, ví dụ bao-cao-6-thang-2024.") var obligation: String
        @Option(help: "Cơ quan (tên) hoặc huyện (mã); bỏ trống: báo cáo tổng hợp của tỉnh.") var reporter: String?
        @Option(help: "Kỳ: 2024, 2024-H1, 2024-Q2…") var period: String
        @Option(help: "docx hoặc xlsx.") var format: Format = .docx
        @Option(help: "Tệp ghi ra.") var out: String
        @Option(name: .customLong("as"), help: "Tài khoản lập báo cáo (phạm vi được kiểm tra); mặc định Ban Dân tộc qua dòng lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let chosen = ReportingPeriod.parse(period) else {
                throw ValidationError("--period \"\(period)\" không hợp lệ; dùng 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
            }
            let data = try await withApplication { app, _ -> Data in
                let inputs = try await ReportSources.load(app.db)
                guard let found = inputs.plan.reportObligations.first(where: { $0.id == obligation }) else {
                    throw ValidationError("Không có chế độ báo cáo \"\(obligation)\"; có: \(inputs.plan.reportObligations.map(\.id).joined(separator: ", ")).")
                }
                let principal = try await actingAs(username, on: app.db)
                return try await failing {
                    try ReportSources.authorize(principal, reporter: reporter, directory: inputs.directory, on: found.dueOn ?? chosen.end)
                    let draft = try ReportDraft.make(inputs, obligation: found, reporter: reporter, period: chosen)
                    let bytes = format == .docx ? try ReportFiles.docx(draft) : try ReportFiles.xlsx(draft)
                    try await ReportSources.record(obligation: found.id, reporter: reporter, period: chosen.code, format: format.rawValue,
                                                   by: Actor(username: principal.username, address: "dòng lệnh"), on: app.db)
                    return bytes
                }
            }
            try data.write(to: URL(fileURLWithPath: out))
            print("Đã ghi \(out) (\(data.count) byte).")
        }
    }
}
