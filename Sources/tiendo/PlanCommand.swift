import ArgumentParser
import Foundation
import TiendoCore
import TiendoImport
import TiendoStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Xem và xuất kế hoạch.",
                                                    subcommands: [Export.self, Import.self])

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

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đọc một kế hoạch từ văn bản của nó (.docx, .txt, .md) thành bản nháp; --dry-run chỉ in, không lưu.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

        @Argument(help: "Tệp kế hoạch: .docx (Word) hoặc .txt/.md (văn bản chép từ trang văn bản pháp luật).") var file: String
        @Option(help: "Định dạng: json (cấu trúc như plan export, thêm sources và problems) hoặc text (tóm tắt).") var format: Format = .text
        @Flag(help: "Chỉ đọc và in bản nháp, không lưu gì.") var dryRun = false

        func run() async throws {
            bootstrapLogging(.warning)
            let url = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ValidationError("Không đọc được tệp \(file).")
            }
            let draft = try await withDatabase { db, _ in
                let repository = PlanRepository(db)
                let province = try await repository.defaultDocument()?.plan.provinceCode ?? SeedData.directory().provinceCode
                let directory = try await repository.directory(province: province)
                do {
                    return try PlanReader(directory: directory).read(PlanSource.read(data, fileName: url.lastPathComponent))
                } catch let error as PlanImportError {
                    throw ValidationError("\(url.lastPathComponent): \(error.description)")
                }
            }
            switch format {
            case .json:
                FileHandle.standardOutput.write(try PlanDraftExport(draft).json() + Data("\n".utf8))
            case .text:
                print(PlanDraftSummary.text(draft))
            }
            guard dryRun else {
                throw ValidationError("Chưa lưu: thêm --dry-run để chỉ xem bản nháp.")
            }
        }
    }
}
