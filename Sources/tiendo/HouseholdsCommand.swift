import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore

/// Household surveys: poverty classification under a standard and income per person, from household-csv-v1 files.
struct HouseholdsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "households", abstract: "Hộ gia đình: phân loại nghèo đa chiều, thu nhập bình quân.",
                                                    subcommands: [Summarize.self, Import.self])

    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "summarize", 
            abstract: "Đọc tệp hộ (household-csv-v1) và in bảng tổng hợp CSV theo tỉnh, huyện, xã.",
            discussion: "Số đếm và tổng chính xác (không quyền số). --format full thêm tỷ lệ có quyền số, sai số chuẩn, cơ cấu thu nhập và nhóm hộ DTTS.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, full }

        @Argument(help: "Tệp CSV theo household-csv-v1, hoặc tệp .xlsx (trang tính đầu tiên, cùng các cột).") var file: String
        @Option(help: "Chuẩn nghèo: nd07-2021 hoặc qn-nq13-2023.") var standard: String
        @Option(help: "Ngày của danh mục đơn vị hành chính (YYYY-MM-DD); mặc định 2024-02-01.") var units: String?
        @Option(help: "csv (tổng hợp chính xác) hoặc full.") var format: Format = .csv

        func run() throws {
            let chosen: PovertyStandard
            do { chosen = try PovertyStandard.named(standard) } catch let error as AppError { throw ValidationError(error.description) }
            let date = try dateOption(units, "--units") ?? CivilDate(year: 2024, month: 2, day: 1)!
            let registry = try SeedData.units()
            let communes = CommuneTable(registry.units(at: date, level: .commune))
            let scan: HouseholdScan
            do {
                let input = try HouseholdFile.asCSV(file)
                defer { input.cleanup() }
                scan = try HouseholdFile.scan(path: input.path, communes: communes, standard: chosen)
            } catch let rejected as HouseholdFileRejected {
                FileHandle.standardError.write(Data(FreeText.displayable("\(file): \(rejected.description)\n").utf8))
                throw ExitCode(2)
            }
            if !scan.ignoredColumns.isEmpty {
                FileHandle.standardError.write(Data("Bỏ qua các cột không có trong household-csv-v1: \(scan.ignoredColumns.joined(separator: ", ")).\n".utf8))
            }
            guard let province = registry.units(at: date, level: .province).first?.code else {
                throw ValidationError("Danh mục đơn vị hành chính ngày \(date.vietnamese) không có cấp tỉnh.")
            }
            let summary = HouseholdSummary.make(province: province, communeCodes: communes.codes,
                                                parent: { code in registry.unit(code: code, at: date)?.parentCode },
                                                all: scan.all, ethnicMinority: scan.ethnicMinority)
            FileHandle.standardOutput.write(Data((format == .full ? summary.fullCSV : summary.csv).utf8))
        }
    }
}

extension HouseholdsCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", 
            abstract: "Nhập tệp hộ vào cơ sở dữ liệu cho một năm điều tra (thay thế lần nhập trước của năm đó), tất cả hoặc không gì.",
            discussion: "Tệp có lỗi thì không nhập dòng nào và in từng lỗi (dòng, cột, giá trị, quy tắc). Kết quả nuôi các chỉ tiêu của kế hoạch cho năm đó.")

        @Argument(help: "Tệp CSV theo household-csv-v1, hoặc tệp .xlsx (trang tính đầu tiên, cùng các cột).") var file: String
        @Option(help: "Năm điều tra (kỳ số liệu).") var survey: Int
        @Option(help: "Chuẩn nghèo: nd07-2021 hoặc qn-nq13-2023.") var standard: String
        @Option(help: "Ngày của danh mục đơn vị hành chính (YYYY-MM-DD); mặc định 2024-02-01.") var units: String?
        @Option(name: .customLong("as"), help: "Tài khoản Ban Dân tộc ghi vào nhật ký; mặc định người quản trị máy chủ.") var username: String?
        @Flag(help: "Thay thế điều tra đã có của năm này (không có cờ này thì không bao giờ thay).") var replace = false

        func run() async throws {
            bootstrapLogging(.warning)
            let chosen: PovertyStandard
            do {
                chosen = try PovertyStandard.named(standard)
                try chosen.check(year: survey)
            } catch let error as AppError { throw ValidationError(error.description) }
            let date = try dateOption(units, "--units") ?? CivilDate(year: 2024, month: 2, day: 1)!
            // The file is checked and stored in one pass: one bar, of the bytes read.
            let reading = ProgressBar(label: "Kiểm tra và ghi", total: Int((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0))
            let (scan, summary) = try await withDatabase { db, _ in
                let caller = try await actingAs(username, on: db)
                defer { reading.finish() }
                do {
                    return try await failing {
                        try await ImportSurvey(path: file, fileName: URL(fileURLWithPath: file).lastPathComponent, year: survey,
                                               standard: chosen, unitsDate: date, replacing: replace)
                            .run(AppContext(db: db), by: caller, checked: { reading.advance(by: $0) })
                    }
                } catch let rejected as HouseholdFileRejected {
                    FileHandle.standardError.write(Data(FreeText.displayable("\(file): \(rejected.description)\n").utf8))
                    throw ExitCode(2)
                }
            }
            if !scan.ignoredColumns.isEmpty {
                print("Bỏ qua các cột không có trong household-csv-v1: \(scan.ignoredColumns.joined(separator: ", ")).")
            }
            let total = summary.rows.first?.all
            print("Đã nhập điều tra năm \(survey): \(ExactNumber(Decimal(scan.households)).vietnamese) hộ, \(ExactNumber(Decimal(total?.poor ?? 0)).vietnamese) hộ nghèo, "
                  + "\(ExactNumber(Decimal(total?.nearPoor ?? 0)).vietnamese) hộ cận nghèo theo \(chosen.decision).")
        }
    }
}

/// A progress line on a terminal (standard error), silent when output goes to a file or pipe.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private var total: Int
    private var done = 0, shown = -1
    private let enabled = isatty(2) == 1

    init(label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
    }

    func advance(by n: Int) { lock.lock(); done += n; draw(); lock.unlock() }

    private func draw() {
        let percent = min(100, done * 100 / total)
        guard enabled, percent != shown else { return }
        shown = percent
        let filled = percent / 4
        FileHandle.standardError.write(Data("\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 25 - filled))] \(percent)%".utf8))
    }

    func finish() { if enabled { FileHandle.standardError.write(Data("\n".utf8)) } }
}
