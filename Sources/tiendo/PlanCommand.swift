import ArgumentParser
import FluentKit
import Foundation
import TiendoApp
import TiendoCore
import TiendoStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Xem và xuất kế hoạch.",
                                                    subcommands: [List.self, Export.self, Import.self, Publish.self, Diff.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê các kế hoạch: mã (dùng cho --plan), số hiệu, ngày, cấp trên, phiên bản.")

        func run() async throws {
            bootstrapLogging(.warning)
            let plans = try await withDatabase { db, _ in try await PlanRepository(db).plans() }
            let rows = plans.map { p in
                [p.id, p.number, p.issuedOn.vietnamese, p.parentId ?? "", "\(p.version)", p.issuer.clipped(to: 30), p.title.clipped(to: 50)]
            }
            print(TextTable.render(header: ["Mã", "Số hiệu", "Ngày", "Cấp trên", "Phiên bản", "Cơ quan ban hành", "Trích yếu"], rows: rows))
            print("\(plans.count) kế hoạch.")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", 
            abstract: "In toàn bộ kế hoạch ra stdout: JSON (cấu trúc đầy đủ) hoặc CSV (bảng nhiệm vụ, mở được bằng Excel).")

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

        @Option(help: "Định dạng: json hoặc csv.") var format: Format = .json
        @OptionGroup var choice: PlanOption

        func run() async throws {
            bootstrapLogging(.warning)
            let output = try await withDatabase { db, _ in
                let repository = PlanRepository(db)
                let document = try await choice.document(db)
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
        static let configuration = CommandConfiguration(commandName: "import", 
            abstract: "Đọc một kế hoạch từ văn bản của nó (.docx, .txt, .md) thành bản nháp để duyệt; --dry-run chỉ in, không lưu.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

        @Argument(help: "Tệp kế hoạch: .docx (Word) hoặc .txt/.md (văn bản chép từ trang văn bản pháp luật).") var file: String
        @Option(help: "Định dạng: json (cấu trúc như plan export, thêm sources và problems) hoặc text (tóm tắt).") var format: Format = .text
        @Option(help: "Mã kế hoạch cấp trên mà kế hoạch này thực hiện (kế hoạch của sở, huyện).") var parent: String?
        @Option(help: "Mã kế hoạch mà văn bản này sửa đổi, bổ sung.") var amends: String?
        @Flag(help: "Chỉ đọc và in bản nháp, không lưu gì.") var dryRun = false

        func run() async throws {
            bootstrapLogging(.warning)
            let url = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ValidationError("Không đọc được tệp \(file).")
            }
            let use = ImportPlan(data: data, fileName: url.lastPathComponent, parentPlanId: parent, amends: amends)
            let (draft, stored) = try await withDatabase { db, _ -> (PlanDraft, Int?) in
                let app = AppContext(db: db)
                return try await failing {
                    if dryRun { return (try await use.read(app), nil) }
                    let stored = try await use.run(app, by: .terminal())
                    return (stored.draft, stored.id)
                }
            }
            switch format {
            case .json: FileHandle.standardOutput.write(try PlanDraftExport(draft).json() + Data("\n".utf8))
            case .text: print(PlanDraftSummary.text(draft))
            }
            if let stored {
                FileHandle.standardError.write(Data("Đã lưu bản nháp số \(stored); duyệt tại /ke-hoach/nhap/\(stored), ban hành bằng: tiendo plan publish \(stored)\n".utf8))
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "publish", abstract: "Ban hành một bản nháp kế hoạch đã duyệt (ghi nhật ký).")

        @Argument(help: "Số bản nháp (in ra khi nhập).") var draft: Int

        func run() async throws {
            bootstrapLogging(.warning)
            let id = try await withDatabase { db, _ in
                try await failing { try await PublishPlanDraft(id: draft).run(AppContext(db: db), by: .terminal()) }
            }
            print("Đã ban hành kế hoạch \(id).")
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "diff", abstract: "Những gì khác nhau giữa hai kế hoạch, hoặc giữa một kế hoạch và phiên bản trước của nó.")

        @Argument(help: "Mã kế hoạch.") var plan: String
        @Argument(help: "Mã kế hoạch thứ hai; bỏ trống để so với phiên bản trước.") var other: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let changes = try await withDatabase { db, _ -> [PlanChange] in
                let repository = PlanRepository(db)
                guard let current = try await repository.document(id: plan) else { throw ValidationError("Không có kế hoạch mã \"\(plan)\".") }
                if let other {
                    guard let second = try await repository.document(id: other) else { throw ValidationError("Không có kế hoạch mã \"\(other)\".") }
                    return PlanComparison.changes(from: current, to: second)
                }
                guard let previous = try await PlanFamily(db).versions(of: plan).last else {
                    throw ValidationError("Kế hoạch \(plan) chưa có phiên bản trước.")
                }
                return PlanComparison.changes(from: previous.document, to: current)
            }
            print(changes.isEmpty ? "Không có khác biệt." : changes.map(\.description).joined(separator: "\n"))
        }
    }
}

/// `--plan ID`: the plan a command works on; by default the current top-level plan (the province's latest).
struct PlanOption: ParsableArguments {
    @Option(help: "Mã kế hoạch (xem: tiendo plan list); mặc định kế hoạch cấp tỉnh mới nhất.") var plan: String?

    func document(_ db: any Database) async throws -> PlanDocument {
        try await loaded(db).document
    }

    func loaded(_ db: any Database) async throws -> LoadedPlan {
        try await failing { try await AppContext(db: db, planId: plan).loadedPlan() }
    }
}
