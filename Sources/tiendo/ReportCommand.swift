import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore
import TiendoReports
import TiendoStore

/// Official reports drafted from the data: DOCX in the NĐ 30/2020 layout, XLSX annexes.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Báo cáo soạn sẵn từ số liệu (DOCX theo NĐ 30/2020, phụ lục XLSX).",
                                                    subcommands: [Build.self, Review.self])

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "build", abstract: "Lập dự thảo báo cáo của một đơn vị, hoặc báo cáo tổng hợp của Ban Dân tộc khi không nêu --reporter.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case docx, xlsx }

        @Option(help: "Chế độ báo cáo, ví dụ bao-cao-6-thang-2024.") var obligation: String
        @Option(help: "Cơ quan (tên) hoặc huyện (mã); bỏ trống: báo cáo tổng hợp của tỉnh.") var reporter: String?
        @Option(help: "Kỳ: 2024, 2024-H1, 2024-Q2…") var period: String
        @Option(help: "docx hoặc xlsx.") var format: Format = .docx
        @Option(help: "Tệp ghi ra.") var out: String
        @Option(name: .customLong("as"), help: "Tài khoản lập báo cáo (phạm vi được kiểm tra); mặc định Ban Dân tộc qua dòng lệnh.") var username: String?

        @OptionGroup var choice: PlanOption

        func run() async throws {
            bootstrapLogging(.warning)
            let build = BuildReport(obligation: obligation, reporter: reporter, period: period, format: format == .docx ? .docx : .xlsx)
            let data = try await failing {
                try await withDatabase { db, _ in try await build.run(AppContext(db: db, planId: choice.plan), by: try await actingAs(username, on: db)).bytes }
            }
            try data.write(to: URL(fileURLWithPath: out))
            print("Đã ghi \(out) (\(data.count) byte).")
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "review", abstract: "Báo cáo sơ kết/tổng kết Chương trình qua các năm (DOCX) hoặc phụ lục theo năm (XLSX).")

        @Option(help: "so-ket hoặc tong-ket.") var kind: String = "so-ket"
        @Option(help: "Năm đầu; mặc định năm của kế hoạch cấp tỉnh sớm nhất.") var from: Int?
        @Option(help: "Năm cuối; mặc định năm của kế hoạch cấp tỉnh mới nhất.") var to: Int?
        @Option(help: "docx hoặc xlsx.") var format: Build.Format = .docx
        @Option(help: "Tệp ghi ra.") var out: String
        @Option(name: .customLong("as"), help: "Tài khoản lập báo cáo; mặc định Ban Dân tộc qua dòng lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let chosen = ProgrammeReview.Kind(rawValue: kind) else { throw ValidationError("--kind là so-ket hoặc tong-ket.") }
            let review = BuildProgrammeReview(kind: chosen, from: from, to: to, format: format == .docx ? .docx : .xlsx)
            let data = try await failing {
                try await withDatabase { db, _ in try await review.run(AppContext(db: db), by: try await actingAs(username, on: db)).bytes }
            }
            try data.write(to: URL(fileURLWithPath: out))
            print("Đã ghi \(out) (\(data.count) byte).")
        }
    }
}
