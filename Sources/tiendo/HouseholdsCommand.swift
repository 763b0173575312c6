import ArgumentParser
import Foundation
import TiendoCore
import TiendoImport

/// Household surveys: poverty classification under a standard and income per person, from household-csv-v1 files.
struct HouseholdsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "households", abstract: "Hộ gia đình: phân loại nghèo đa chiều, thu nhập bình quân.",
                                                    subcommands: [Summarize.self])

    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đọc tệp hộ (household-csv-v1) và in bảng tổng hợp CSV theo tỉnh, huyện, xã.",
            discussion: "Số đếm và tổng chính xác (không quyền số). --format full thêm tỷ lệ có quyền số, sai số chuẩn, cơ cấu thu nhập và nhóm hộ DTTS.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, full }

        @Argument(help: "Tệp CSV theo household-csv-v1.") var file: String
        @Option(help: "Chuẩn nghèo: nd07-2021 hoặc qn-nq13-2023.") var standard: String
        @Option(help: "Ngày của danh mục đơn vị hành chính (YYYY-MM-DD); mặc định 2024-02-01.") var units: String?
        @Option(help: "csv (tổng hợp chính xác) hoặc full.") var format: Format = .csv

        func run() throws {
            let chosen: PovertyStandard
            do { chosen = try PovertyStandard.named(standard) } catch let error as AccessError { throw ValidationError(error.description) }
            let date = try dateOption(units, "--units") ?? CivilDate(year: 2024, month: 2, day: 1)!
            let registry = try SeedData.units()
            let communes = CommuneTable(registry.units(at: date, level: .commune))
            let scan: HouseholdScan
            do {
                scan = try HouseholdFile.scan(path: file, communes: communes, standard: chosen)
            } catch let rejected as HouseholdFileRejected {
                FileHandle.standardError.write(Data("\(file): \(rejected.description)\n".utf8))
                throw ExitCode(2)
            }
            if !scan.ignoredColumns.isEmpty {
                FileHandle.standardError.write(Data("Bỏ qua các cột không có trong household-csv-v1: \(scan.ignoredColumns.joined(separator: ", ")).\n".utf8))
            }
            let province = registry.units(at: date, level: .province).first?.code ?? "22"
            let summary = HouseholdSummary.make(province: province, communeCodes: communes.codes,
                                                parent: { code in registry.unit(code: code, at: date)?.parentCode },
                                                all: scan.all, ethnicMinority: scan.ethnicMinority)
            FileHandle.standardOutput.write(Data((format == .full ? summary.fullCSV : summary.csv).utf8))
        }
    }
}
