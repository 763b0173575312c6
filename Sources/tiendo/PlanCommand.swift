import ArgumentParser
import Foundation
import TiendoCore
import TiendoStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Xem và xuất kế hoạch.",
                                                    subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In toàn bộ kế hoạch ra stdout: JSON (cấu trúc đầy đủ) hoặc CSV (bảng nhiệm vụ, mở được bằng Excel).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

        @Option(help: "Định dạng: json hoặc csv.") var format: Format = .json
        @Option(help: "Mã kế hoạch (mặc định: kế hoạch mới nhất).") var plan: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let output = try await withDatabase { db, _ in
                let repository = PlanRepository(db)
                let found = if let plan { try await repository.document(id: plan) } else { try await repository.defaultDocument() }
                guard let document = found else {
                    throw ValidationError("Không có kế hoạch mã \"\(plan ?? "")\".")
                }
                switch format {
                case .json:
                    return try PlanExport(document).json() + Data("\n".utf8)
                case .csv:
                    let directory = try await repository.directory(province: document.plan.provinceCode)
                    let listings = try TaskQuery.run(document, directory: directory, filter: TaskFilter())
                    return Data(PlanCSV.tasks(listings).utf8)
                }
            }
            FileHandle.standardOutput.write(output)
        }
    }
}
