import ArgumentParser
import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore

/// Money: capital lines, the decisions on them, monthly disbursements, the funnel as of a date, the works.
struct MoneyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "money", abstract: "Nguồn vốn: dòng vốn, quyết định giao/điều chỉnh/kéo dài/phân bổ, giải ngân theo tháng, tổng hợp theo ngày.",
        subcommands: [AddLine.self, Decide.self, Disburse.self, Import.self, Template.self, Funnel.self, Reconcile.self, Works.self, WorkSet.self, WorkReport.self, WorkTemplate.self, WorkImport.self])

    static func amount(_ text: String, _ option: String) throws -> Dong {
        guard let amount = Dong(text: text) else {
            throw ValidationError("\(option) \"\(text)\" không phải số tiền (đồng, số nguyên; ví dụ 1.500.000.000).")
        }
        return amount
    }

    struct AddLine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "line", abstract: "Mở một dòng vốn (Ban Dân tộc, cán bộ tài chính).")
        @Option(help: "Mã dòng vốn, ví dụ 2024-DA4-DTPT-NSTW-SGTVT.") var id: String
        @Option(help: "Năm kế hoạch.") var year: Int
        @Option(help: "Dự án 1…10 của Chương trình.") var project: Int?
        @Option(help: "Tiểu dự án.") var subproject: Int?
        @Option(name: .customLong("capital-type"), help: "dtpt (đầu tư phát triển) hoặc su-nghiep.") var capitalType: String = "dtpt"
        @Option(help: "Nguồn vốn: \(CapitalSource.standard.map(\.code).joined(separator: ", ")).") var source: String
        @Option(help: "Chủ đầu tư hoặc đơn vị sử dụng vốn: tên cơ quan.") var holder: String?
        @Option(name: .customLong("holder-unit"), help: "… hoặc mã đơn vị hành chính.") var holderUnit: String?
        @Option(name: .customLong("map"), help: "Ngày của bản đồ đọc mã đơn vị (YYYY-MM-DD); mặc định hôm nay.") var map: String?
        @Option(name: .customLong("extended-from"), help: "Vốn kéo dài từ năm này.") var extendedFrom: Int?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let type = ["dtpt": FundingSource.CapitalType.investment, "su-nghiep": .recurrent][capitalType] else {
                throw ValidationError("--capital-type là dtpt hoặc su-nghiep.")
            }
            let owner: CapitalHolder
            switch (holder, holderUnit) {
            case let (name?, nil): owner = .agency(name)
            case let (nil, code?): owner = .unit(code: code, mapDate: try dateOption(map, "--map") ?? AppClock.today())
            default: throw ValidationError("Cần đúng một trong --holder (tên cơ quan) và --holder-unit (mã đơn vị).")
            }
            let line = CapitalLine(id: id, year: year, project: project, subproject: subproject, capitalType: type, source: source,
                                   origin: extendedFrom.map { .extended(from: $0) } ?? .assigned, holder: owner)
            try await failing { try await withDatabase { db, _ in try await AddCapitalLine(line).run(AppContext(db: db), by: .terminal()) } }
            print("Đã mở dòng vốn \(id).")
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decide", abstract: "Ghi một quyết định về dòng vốn.")
        @Option(help: "Mã dòng vốn.") var line: String
        @Option(help: "giao, dieu-chinh, keo-dai, phan-bo, thu-hoi, dieu-chuyen.") var kind: String
        @Option(help: "Số tiền (đồng). Giao, điều chỉnh: kế hoạch sau quyết định.") var amount: String
        @Option(help: "Số quyết định, ví dụ 123/QĐ-UBND.") var decision: String
        @Option(help: "Ngày quyết định (YYYY-MM-DD).") var date: String
        @Option(help: "Cơ quan ban hành.") var issuer: String = "UBND tỉnh"
        @Option(help: "Phân bổ: mã công trình hoặc đơn vị; điều chuyển: dòng vốn nhận.") var target: String?
        @Option(name: .customLong("as"), help: "Tài khoản ghi; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let kind = CapitalEvent.Kind(rawValue: kind) else {
                throw ValidationError("--kind là \(CapitalEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let day = try dateOption(date, "--date") else { throw ValidationError("Cần --date.") }
            let event = CapitalEvent(lineId: line, kind: kind, amount: try MoneyCommand.amount(amount, "--amount"),
                                     decision: CapitalDecision(number: decision, date: day, issuer: issuer), target: target)
            try await failing {
                try await withDatabase { db, _ in
                    let caller = try await callerOrTerminal(username, on: db)
                    try await RecordCapitalEvent(event).run(AppContext(db: db), by: caller)
                }
            }
            print("Đã ghi \(kind.vietnamese) \(event.amount.vietnamese) cho dòng vốn \(line) (\(decision)).")
        }
    }

    struct Disburse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disburse", abstract: "Ghi số giải ngân một tháng của dòng vốn.")
        @Option(help: "Mã dòng vốn.") var line: String
        @Option(help: "Tháng (YYYY-MM).") var month: String
        @Option(help: "Giải ngân trong tháng (đồng).") var amount: String
        @Option(name: .customLong("work-done"), help: "Giá trị khối lượng thực hiện trong tháng (đồng).") var workDone: String?
        @Option(help: "Ghi chú (bắt buộc khi lũy kế vượt kế hoạch vốn).") var comment: String?
        @Option(name: .customLong("as"), help: "Tài khoản báo cáo; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let end = try MoneyCommand.month(month)
            let record = Disbursement(lineId: line, month: end, disbursed: try MoneyCommand.amount(amount, "--amount"),
                                      workDone: try workDone.map { try MoneyCommand.amount($0, "--work-done") }, reportedBy: "")
            try await failing {
                try await withDatabase { db, _ in
                    let caller = try await callerOrTerminal(username, on: db)
                    try await RecordDisbursement(record, comment: comment).run(AppContext(db: db), by: caller)
                }
            }
            print("Đã ghi giải ngân tháng \(end.month)/\(end.year) của \(line): \(record.disbursed.vietnamese).")
        }
    }

    struct Funnel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "funnel", abstract: "Kế hoạch vốn, phân bổ, giải ngân theo ngày chốt số liệu.")
        enum By: String, ExpressibleByArgument, CaseIterable { case line = "dong", project = "du-an", source = "nguon", type = "loai", holder = "chu-dau-tu" }
        @Option(name: .customLong("as-of"), help: "Ngày chốt (YYYY-MM-DD); mặc định hôm nay.") var asOf: String?
        @Option(help: "Tổng hợp theo: dong, du-an, nguon, loai, chu-dau-tu.") var by: By = .project
        @Option(help: "Năm kế hoạch; mặc định năm của ngày chốt.") var year: Int?
        @Flag(name: .customLong("all-years"), help: "Mọi năm kế hoạch.") var allYears = false
        @Flag(help: "CSV bằng đồng, mọi cấp (dòng vốn, dự án, nguồn, loại, chủ đầu tư, tổng) và lũy kế từng công trình: cho máy đọc và đối chiếu.")
        var csv = false

        func run() async throws {
            bootstrapLogging(.warning)
            let date = try dateOption(asOf, "--as-of") ?? AppClock.today()
            let chosenYear: Int? = allYears ? nil : year ?? date.year
            if csv {
                let (funnel, works) = try await withDatabase { db, _ in
                    (try await CapitalBook(db).funnel(asOf: date, year: chosenYear), try await CapitalBook(db).worksToDate(asOf: date))
                }
                try Self.printCSV(funnel, works: works)
                return
            }
            let (funnel, directory) = try await withDatabase { db, _ in
                (try await CapitalBook(db).funnel(asOf: date, year: chosenYear), try await AppContext(db: db).loadedPlan().directory)
            }
            let key: (CapitalLine) -> String = switch by {
            case .line: { $0.id }
            case .project: { $0.projectName }
            case .source: { line in CapitalSource.standard.first { $0.code == line.source }?.name ?? line.source }
            case .type: { $0.capitalType.vietnamese }
            case .holder: { $0.holder.name(in: directory, on: date) }
            }
            let rows = try funnel.totals(by: key).map { k, t in
                [k, t.startPlan.millions(), t.plan.millions(), t.allocated.millions(), t.rate.vietnamese, t.lapsed.millions()]
            }
            let total = try funnel.total()
            print("Vốn kế hoạch \(chosenYear.map { "năm \($0)" } ?? "mọi năm"), số liệu đến ngày \(date.vietnamese) (triệu đồng):")
            print(TextTable.render(header: [by == .line ? "Dòng vốn" : "Nhóm", "KH đầu năm", "KH hiện hành", "Đã phân bổ", "Giải ngân/KH (tỷ lệ)", "Quá hạn giải ngân"],
                                   rows: rows + [["Tổng cộng", total.startPlan.millions(), total.plan.millions(), total.allocated.millions(),
                                                  total.rate.vietnamese, total.lapsed.millions()]]))
        }

        /// "level,key,start_plan,plan,allocated,disbursed,lapsed,lines" for every line and every grouping, then
        /// "work,code,value_done,disbursed,percent,months": whole đồng, one line each.
        static func printCSV(_ funnel: CapitalFunnel, works: [CapitalBook.WorkToDate]) throws {
            var out = "level,key,start_plan,plan,allocated,disbursed,lapsed,lines\n"
            for f in funnel.lines {
                out += "line,\(f.line.id),\(f.startPlan?.value ?? 0),\(f.plan.value),\(f.allocated.value),\(f.disbursed.value),\(f.lapsed.value),1\n"
            }
            let levels: [(String, (CapitalLine) -> String)] = [("project", { $0.project.map(String.init) ?? "" }), ("source", \.source),
                                                              ("type", \.capitalType.rawValue), ("holder", \.holder.key)]
            for (level, key) in levels {
                for (k, t) in try funnel.totals(by: key) {
                    // A name may hold a comma ("Sở Văn hóa, Thể thao và Du lịch"): quoted as RFC 4180 says.
                    let field = k.contains(",") || k.contains("\"") ? "\"" + k.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : k
                    out += "\(level),\(field),\(t.startPlan.value),\(t.plan.value),\(t.allocated.value),\(t.disbursed.value),\(t.lapsed.value),\(t.lines)\n"
                }
            }
            let t = try funnel.total()
            out += "total,,\(t.startPlan.value),\(t.plan.value),\(t.allocated.value),\(t.disbursed.value),\(t.lapsed.value),\(t.lines)\n"
            for w in works { out += "work,\(w.code),\(w.valueDone.value),\(w.disbursed.value),\(w.physicalPercent),\(w.months),,\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    struct Works: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "works", abstract: "Các công trình đầu tư.")

        func run() async throws {
            bootstrapLogging(.warning)
            let works = try await withDatabase { db, _ in try await CapitalBook(db).works() }
            print(TextTable.render(header: ["Mã", "Tên", "Nhiệm vụ", "Tổng mức đầu tư", "Tình trạng"], rows: works.map {
                [$0.code, $0.name.clipped(to: 70), $0.taskCodes.joined(separator: ", "), $0.totalInvestment?.vietnamese ?? "chưa có", $0.status?.vietnamese ?? "chưa có"]
            }))
        }
    }

    static func month(_ text: String) throws -> CivilDate {
        guard let end = CivilDate.endOfMonth(code: text) else {
            throw ValidationError("--month \"\(text)\" không phải tháng dạng YYYY-MM.")
        }
        return end
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import",
            abstract: "Nhập giải ngân lũy kế theo dòng vốn từ tệp XLSX (mẫu của Tiendo, hoặc bảng \"STT | Nội dung | Kế hoạch vốn | Giải ngân | Tỷ lệ\" với --key-column, --amount-column): cả tệp hoặc không gì.")
        @Argument(help: "Tệp .xlsx.") var file: String
        @Option(help: "Tháng của số liệu (YYYY-MM).") var month: String
        @Option(name: .customLong("key-column"), help: "Cột chứa mã dòng vốn (mẫu: A).") var keyColumn: String = "A"
        @Option(name: .customLong("amount-column"), help: "Cột giải ngân lũy kế (mẫu: D).") var amountColumn: String = "D"
        @Option(name: .customLong("first-row"), help: "Dòng số liệu đầu tiên (mẫu: 3).") var firstRow: Int = 3
        @Option(help: "Đơn vị số tiền: dong hoặc trieu.") var unit: String = "dong"
        @Option(help: "Tên trang tính; mặc định trang đầu.") var sheet: String?
        @Option(name: .customLong("as"), help: "Tài khoản nhập; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            guard let key = DisbursementUpload.Mapping.column(keyColumn), let amount = DisbursementUpload.Mapping.column(amountColumn) else {
                throw ValidationError("--key-column và --amount-column là chữ cái của cột, ví dụ B, D.")
            }
            guard let unit = DisbursementUpload.Mapping.Unit(rawValue: unit) else { throw ValidationError("--unit là dong hoặc trieu.") }
            guard firstRow >= 1 else { throw ValidationError("--first-row từ 1.") }
            let mapping = DisbursementUpload.Mapping(keyColumn: key, amountColumn: amount, firstRow: firstRow, unit: unit, sheet: sheet)
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let end = try MoneyCommand.month(month)
            let count = try await failing {
                try await withDatabase { db, _ in
                    let caller = try await callerOrTerminal(username, on: db)
                    return try await ImportDisbursements(data: data, fileName: URL(fileURLWithPath: file).lastPathComponent, month: end, mapping: mapping)
                        .run(AppContext(db: db), by: caller)
                }
            }
            print("Đã nhập giải ngân tháng \(end.month)/\(end.year) của \(count) dòng vốn.")
        }
    }

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "template", abstract: "Mẫu XLSX nhập giải ngân của một năm kế hoạch.")
        @Option(help: "Năm kế hoạch.") var year: Int
        @Option(help: "Tệp ghi ra.") var out: String

        func run() async throws {
            bootstrapLogging(.warning)
            let data = try await withDatabase { db, _ in try await DisbursementTemplateFile(year: year).run(AppContext(db: db)) }
            try data.write(to: URL(fileURLWithPath: out))
            print("Đã ghi \(out) (\(data.count) byte).")
        }
    }

    struct WorkTemplate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "work-template", abstract: "Mẫu XLSX báo cáo tiến độ tháng của các công trình một tài khoản báo cáo.")
        @Option(help: "Tháng báo cáo (YYYY-MM).") var month: String
        @Option(help: "Tệp ghi ra.") var out: String
        @Option(name: .customLong("as"), help: "Tài khoản (chủ đầu tư); mặc định người chạy lệnh (mọi công trình).") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let end = try MoneyCommand.month(month)
            let data = try await failing {
                try await withDatabase { db, _ in try await WorkProgressTemplateFile(month: end).run(AppContext(db: db), by: try await callerOrTerminal(username, on: db)) }
            }
            try data.write(to: URL(fileURLWithPath: out))
            print("Đã ghi \(out) (\(data.count) byte).")
        }
    }

    struct WorkImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "work-import", abstract: "Nhập báo cáo tiến độ tháng của các công trình từ mẫu XLSX đã điền: cả tệp hoặc không gì.")
        @Argument(help: "Tệp .xlsx.") var file: String
        @Option(help: "Tháng báo cáo (YYYY-MM).") var month: String
        @Option(name: .customLong("as"), help: "Tài khoản nhập; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let end = try MoneyCommand.month(month)
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let count = try await failing {
                try await withDatabase { db, _ in
                    try await ImportWorkProgress(data: data, fileName: URL(fileURLWithPath: file).lastPathComponent, month: end)
                        .run(AppContext(db: db), by: try await callerOrTerminal(username, on: db))
                }
            }
            print("Đã nhập báo cáo tháng \(end.month)/\(end.year) của \(count) công trình.")
        }
    }

    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reconcile", abstract: "Đối chiếu giải ngân chủ đầu tư báo cáo với số liệu tài chính, từng dòng vốn, từng tháng.")
        @Option(name: .customLong("as-of"), help: "Ngày chốt (YYYY-MM-DD); mặc định hôm nay.") var asOf: String?

        func run() async throws {
            bootstrapLogging(.warning)
            let date = try dateOption(asOf, "--as-of") ?? AppClock.today()
            let gaps = CapitalReconciliation.differences(try await withDatabase { db, _ in try await CapitalBook(db).disbursements() }, asOf: date)
            guard !gaps.isEmpty else { print("Khớp: không có tháng nào chênh lệch hay thiếu một bên đến ngày \(date.vietnamese)."); return }
            print(TextTable.render(header: ["Dòng vốn", "Tháng", "Chủ đầu tư báo cáo (lũy kế)", "Số liệu tài chính (lũy kế)", "Kết quả"], rows: gaps.map { g in
                [g.lineId, "\(g.month.month)/\(g.month.year)", g.holder.map { "\($0.vietnamese) (\(g.holderBy.joined(separator: ", ")))" } ?? "—",
                 g.finance.map { "\($0.vietnamese) (\(g.financeBy.joined(separator: ", ")))" } ?? "—", g.vietnamese]
            }))
        }
    }

    struct WorkSet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "work-set", abstract: "Ghi thông tin công trình (Ban Dân tộc, cán bộ tài chính); chỉ đổi các trường được nêu.")
        @Option(help: "Mã công trình (tiendo money works).") var work: String
        @Option(help: "Chủ đầu tư: tên cơ quan.") var investor: String?
        @Option(name: .customLong("investor-unit"), help: "… hoặc mã đơn vị hành chính (đọc theo bản đồ hôm nay).") var investorUnit: String?
        @Option(help: "Tổng mức đầu tư (đồng).") var total: String?
        @Option(name: .customLong("approval"), help: "Quyết định phê duyệt dự án: SỐ@YYYY-MM-DD@CƠ QUAN.") var approval: String?
        @Option(name: .customLong("planned-start")) var plannedStart: String?
        @Option(name: .customLong("planned-finish")) var plannedFinish: String?
        @Option(name: .customLong("actual-start")) var actualStart: String?
        @Option(name: .customLong("actual-finish")) var actualFinish: String?
        @Option(help: "chuan-bi, dang-thi-cong, hoan-thanh, tam-dung.") var status: String?

        func run() async throws {
            bootstrapLogging(.warning)
            try await failing {
                try await withDatabase { db, _ in
                    guard var w = try await CapitalBook(db).works().first(where: { $0.code == work }) else { throw AppError.notFound("Không có công trình mã \"\(work)\".") }
                    if let investor { w.investor = .agency(investor) }
                    if let investorUnit { w.investor = .unit(code: investorUnit, mapDate: AppClock.today()) }
                    if let total { w.totalInvestment = try MoneyCommand.amount(total, "--total") }
                    if let approval {
                        let parts = approval.split(separator: "@", maxSplits: 2).map(String.init)
                        guard parts.count == 3, let date = CivilDate(iso: parts[1]) else { throw ValidationError("--approval là SỐ@YYYY-MM-DD@CƠ QUAN.") }
                        w.approvalDecision = CapitalDecision(number: parts[0], date: date, issuer: parts[2])
                    }
                    if let d = try dateOption(plannedStart, "--planned-start") { w.plannedStart = d }
                    if let d = try dateOption(plannedFinish, "--planned-finish") { w.plannedFinish = d }
                    if let d = try dateOption(actualStart, "--actual-start") { w.actualStart = d }
                    if let d = try dateOption(actualFinish, "--actual-finish") { w.actualFinish = d }
                    if let status {
                        guard let s = InvestmentWork.Status(rawValue: status) else { throw ValidationError("--status là chuan-bi, dang-thi-cong, hoan-thanh hoặc tam-dung.") }
                        w.status = s
                    }
                    try await UpdateWork(w).run(AppContext(db: db), by: .terminal())
                }
            }
            print("Đã ghi công trình \(work).")
        }
    }

    struct WorkReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "work-report", abstract: "Báo cáo tiến độ tháng của công trình (hạn ngày 25).")
        @Option(help: "Mã công trình.") var work: String
        @Option(help: "Tháng (YYYY-MM).") var month: String
        @Option(name: .customLong("value-done"), help: "Giá trị khối lượng thực hiện trong tháng (đồng).") var valueDone: String
        @Option(help: "Giải ngân trong tháng (đồng).") var disbursed: String
        @Option(help: "Tiến độ thực hiện của cả công trình (%).") var percent: Int
        @Option(name: .customLong("land-cleared"), help: "Mặt bằng đã giải phóng (ha).") var landCleared: String?
        @Option(name: .customLong("land-needed"), help: "Diện tích cần giải phóng (ha).") var landNeeded: String?
        @Option(help: "Nguyên nhân chậm, khó khăn.") var causes: String?
        @Option(name: .customLong("as"), help: "Tài khoản báo cáo; mặc định người chạy lệnh.") var username: String?

        func run() async throws {
            bootstrapLogging(.warning)
            func hectares(_ text: String?, _ option: String) throws -> ExactNumber? {
                try text.map { t in
                    guard let value = ExactNumber(t) else { throw ValidationError("\(option) \"\(t)\" không phải số (ha), ví dụ 12,5.") }
                    return value
                }
            }
            let report = WorkProgress(workCode: work, month: try MoneyCommand.month(month), valueDone: try MoneyCommand.amount(valueDone, "--value-done"),
                                      disbursed: try MoneyCommand.amount(disbursed, "--disbursed"), physicalPercent: percent,
                                      landCleared: try hectares(landCleared, "--land-cleared"), landNeeded: try hectares(landNeeded, "--land-needed"),
                                      causes: causes, reportedBy: "")
            try await failing {
                try await withDatabase { db, _ in
                    let caller = try await callerOrTerminal(username, on: db)
                    try await ReportWorkProgress(report).run(AppContext(db: db), by: caller)
                }
            }
            print("Đã ghi tiến độ tháng \(report.month.month)/\(report.month.year) của \(work): \(percent) %.")
        }
    }
}
