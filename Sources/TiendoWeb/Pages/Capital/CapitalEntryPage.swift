import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Nhập số liệu vốn: the forms behind `/nguon-von`. Ban Dân tộc and the finance side open lines, record decisions and
/// import the finance side's spreadsheet; a line's holder (and they) record a month's disbursement. Each form runs the
/// same use case as the command line; a refused form comes back with the reason and everything typed.
enum CapitalEntryPage {
    enum Form: String, Hashable {
        case line = "dong-von", decision = "quyet-dinh", month = "giai-ngan", upload = "tep", template = "mau"
        case workTemplate = "mau-cong-trinh", workUpload = "cong-trinh"

        /// What the page says after the form was stored.
        var done: String {
            switch self {
            case .line: "Đã mở dòng vốn."
            case .decision: "Đã ghi quyết định."
            case .month: "Đã ghi số liệu giải ngân của tháng."
            case .upload: "Đã nhập tệp giải ngân."
            case .workUpload: "Đã nhập báo cáo tiến độ các công trình."
            case .template, .workTemplate: ""
            }
        }
    }

    /// Every field of every form, as typed; kept when a form is refused. Names differ between forms where a page id
    /// would repeat (`f-` + name).
    struct Typed: Content {
        var id, year, project, subproject, capitalType, source, extendedFrom, holder, holderUnit, map: String?
        var decisionLine, kind, amount, number, date, issuer, target: String?
        var line, cutoff, workMonth: String?
        var month, disbursed, workDone, comment: String?
        var layout, keyColumn, amountColumn, firstRow, unit: String?
        var file: File?
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let done = req.query[String.self, at: "da-ghi"].flatMap(Form.init(rawValue:))
        let count = req.query[Int.self, at: "so-dong"]
        let unit = done == .workUpload ? "công trình" : "dòng vốn"
        return try await render(req, notice: done.map { .ok($0.done + (count.map { " \($0) \(unit) có số liệu tháng mới." } ?? "")) })
    }

    /// The works spreadsheet of the caller's works for `?thang=YYYY-MM` (this month by default).
    @Sendable static func workTemplate(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let today = req.application.today
        guard let month = CivilDate.endOfMonth(code: req.query[String.self, at: "thang"] ?? today.monthCode) else {
            throw AppError.invalid("Tham số \"thang\" là tháng dạng YYYY-MM.")
        }
        let bytes = try await WorkProgressTemplateFile(month: month).run(req.app(), by: Caller(principal: principal, address: req.clientAddress))
        return Download.attachment(bytes, filename: "tien-do-cong-trinh-\(month.monthCode).xlsx", type: Download.xlsx)
    }

    @Sendable static func uploadWorks(_ req: Request) async throws -> Response {
        try await handle(req, .workUpload) { typed, caller, today in
            guard let file = typed.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp Excel (.xlsx) để nhập.") }
            guard let month = CivilDate.endOfMonth(code: typed.workMonth ?? "") else { throw AppError.invalid("Tháng: chọn tháng báo cáo.") }
            return try await ImportWorkProgress(data: Data(buffer: file.data), fileName: file.filename, month: month).run(req.app(), by: caller, today: today)
        }
    }

    @Sendable static func template(_ req: Request) async throws -> Response {
        guard req.caller?.principal != nil else { return req.redirectToSignIn() }
        let year = try req.pageYear("nam") ?? req.application.today.year
        let bytes = try await DisbursementTemplateFile(year: year).run(req.app(), asOf: req.application.today)
        return Download.attachment(bytes, filename: "giai-ngan-\(year).xlsx", type: Download.xlsx)
    }

    @Sendable static func addLine(_ req: Request) async throws -> Response {
        try await handle(req, .line) { typed, caller, _ in
            guard let year = Int(typed.year ?? "") else { throw AppError.invalid("Năm kế hoạch: nhập năm, ví dụ 2025.") }
            let type: FundingSource.CapitalType = typed.capitalType == "su-nghiep" ? .recurrent : .investment
            let holder: CapitalHolder
            switch (typed.holder?.nilIfBlank, typed.holderUnit?.nilIfBlank) {
            case let (name?, nil): holder = .agency(name)
            case let (nil, code?):
                guard let map = CivilDate(iso: typed.map?.nilIfBlank ?? req.application.today.iso) else {
                    throw AppError.invalid("Ngày bản đồ: chọn một ngày.")
                }
                holder = .unit(code: code, mapDate: map)
            default: throw AppError.invalid("Chủ đầu tư: nhập tên cơ quan hoặc mã đơn vị hành chính (một trong hai).")
            }
            let extended = try typed.extendedFrom?.nilIfBlank.map { text -> Int in
                guard let year = Int(text) else { throw AppError.invalid("Kéo dài từ năm: nhập năm, ví dụ 2024.") }
                return year
            }
            let line = CapitalLine(id: typed.id ?? "", year: year, project: Int(typed.project ?? ""), subproject: Int(typed.subproject ?? ""),
                                   capitalType: type, source: typed.source ?? "", origin: extended.map { .extended(from: $0) } ?? .assigned,
                                   holder: holder)
            try await AddCapitalLine(line).run(req.app(), by: caller)
            return nil
        }
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        try await handle(req, .decision) { typed, caller, _ in
            guard let kind = CapitalEvent.Kind(rawValue: typed.kind ?? "") else { throw AppError.invalid("Loại quyết định: chọn trong danh sách.") }
            guard let date = CivilDate(iso: typed.date ?? "") else { throw AppError.invalid("Ngày quyết định: chọn một ngày.") }
            let event = CapitalEvent(lineId: typed.decisionLine ?? "", kind: kind, amount: try FormValues.amount(typed.amount, "Số tiền"),
                                     decision: CapitalDecision(number: typed.number ?? "", date: date, issuer: typed.issuer ?? ""),
                                     target: typed.target)
            try await RecordCapitalEvent(event).run(req.app(), by: caller)
            return nil
        }
    }

    @Sendable static func disburse(_ req: Request) async throws -> Response {
        try await handle(req, .month) { typed, caller, today in
            guard let month = CivilDate.endOfMonth(code: typed.month ?? "") else { throw AppError.invalid("Tháng: chọn tháng báo cáo.") }
            let done = try typed.workDone?.nilIfBlank.map { try FormValues.amount($0, "Giá trị khối lượng") }
            let record = Disbursement(lineId: typed.line ?? "", month: month, disbursed: try FormValues.amount(typed.disbursed, "Giải ngân trong tháng"),
                                      workDone: done, reportedBy: "")
            try await RecordDisbursement(record, comment: typed.comment).run(req.app(), by: caller, today: today)
            return nil
        }
    }

    @Sendable static func upload(_ req: Request) async throws -> Response {
        try await handle(req, .upload) { typed, caller, today in
            guard let file = typed.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp Excel (.xlsx) để nhập.") }
            guard let month = CivilDate.endOfMonth(code: typed.cutoff ?? "") else { throw AppError.invalid("Tháng: chọn tháng của số liệu lũy kế.") }
            var mapping = DisbursementUpload.Mapping.template
            if typed.layout == "cot" {
                guard let named = DisbursementUpload.Mapping(keyLetters: typed.keyColumn ?? "", amountLetters: typed.amountColumn ?? "",
                                                             firstRow: typed.firstRow ?? "", unit: typed.unit ?? "dong") else {
                    throw AppError.invalid("Cột mã dòng vốn và cột giải ngân: nhập chữ cái của cột, ví dụ B và D; dòng bắt đầu: số dòng, ví dụ 3.")
                }
                mapping = named
            }
            return try await ImportDisbursements(data: Data(buffer: file.data), fileName: file.filename, month: month, mapping: mapping)
                .run(req.app(), by: caller, today: today)
        }
    }

    /// Runs a form's use case: back to the page with what was stored (303), or the page again with the reason and the
    /// form as typed (the file excepted, which a browser never refills).
    static func handle(_ req: Request, _ form: Form,
                       _ run: (Typed, Caller, CivilDate) async throws -> Int?) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.capitalEntry.path) }
        let typed = (try? req.content.decode(Typed.self)) ?? Typed()
        do {
            let count = try await run(typed, Caller(principal: principal, address: req.clientAddress), req.application.today)
            return req.redirect(to: .capitalEntry, ["da-ghi": form.rawValue, "so-dong": count.map(String.init)])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status, typed: (form, typed))
        }
    }

    static func render(_ req: Request, notice: Notice?, status: HTTPResponseStatus = .ok, typed: (Form, Typed)? = nil) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let book = CapitalBook(req.db)
        let directory = try await req.loadedPlan().directory
        let today = req.application.today
        let lines = try await book.lines()
        let manages = Policy.can(principal, .manageCapital)
        let reportable = lines.filter { line in
            (try? CapitalHolders.reporter(line.holder, directory: directory)).map { Policy.can(principal, .reportDisbursement(holder: $0)) } ?? false
        }
        let works = try await book.works().filter { work in
            guard let holder = work.investor, let investor = try? CapitalHolders.reporter(holder, directory: directory) else { return false }
            return Policy.can(principal, .reportWork(investor: investor))
        }
        guard manages || !reportable.isEmpty || !works.isEmpty else {
            return Layout.render(c, title: c.t("Nhập số liệu vốn"), status: .forbidden, [
                el("p", [], text: c.t("Tài khoản này không giữ dòng vốn nào và không có quyền quản lý nguồn vốn. Ban Dân tộc hoặc cán bộ tài chính mở dòng vốn và giao cho chủ đầu tư.")),
                el("p", [], [link(SiteURL.capital.path, c.t("Về trang Nguồn vốn"))]),
            ])
        }
        let sources = Dictionary(CapitalSource.standard.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func label(_ l: CapitalLine) -> String {
            "\(l.id) · \(l.projectName) · \(l.capitalType.vietnamese) · \(sources[l.source] ?? l.source) · \(l.holder.name(in: directory, on: today))"
        }
        func values(_ form: Form) -> Typed { typed?.0 == form ? typed!.1 : Typed() }
        var page = Notice.markup(notice)
        page.append(el("p", [], [link(SiteURL.capital.path, c.t("Về trang Nguồn vốn"))]))
        if !reportable.isEmpty { page += View.month(values(.month), lines: reportable.map { ($0.id, label($0)) }, today: today, c) }
        if !works.isEmpty { page += View.works(values(.workUpload), count: works.count, today: today, c) }
        if manages {
            page += View.upload(values(.upload), today: today, c)
            page += View.decision(values(.decision), lines: lines.map { ($0.id, label($0)) }, today: today, c)
            page += View.line(values(.line), today: today, agencies: directory.agencies.map(\.name), c)
        }
        return Layout.render(c, title: c.t("Nhập số liệu vốn"), status: status, page)
    }
}

extension String {
    /// nil for an empty or blank string: an optional field left empty.
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}
