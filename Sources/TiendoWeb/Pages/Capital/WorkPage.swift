import Foundation
import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Công trình: one investment work, with its decisions, the capital allocated to it and the tasks that name it. A
/// figure nobody entered says so; none is invented.
enum WorkPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let notice: Notice? = req.query[String.self, at: "da-gui"] != nil ? .ok("Đã ghi báo cáo tiến độ.")
            : req.query[String.self, at: "da-dinh-kem"] != nil ? .ok("Đã đính kèm tệp vào báo cáo tháng.")
            : req.query[String.self, at: "da-duyet"] != nil ? .ok("Đã duyệt báo cáo tháng.") : nil
        return try await render(req, notice: notice)
    }

    struct PhotoForm: Content {
        var photoMonth: String?
        var file: File?
    }

    /// A photo (or a scanned record) on a reported month, from the page's form.
    @Sendable static func attach(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.work(code: code).path) }
        let form = (try? req.content.decode(PhotoForm.self)) ?? PhotoForm()
        do {
            guard let month = CivilDate.endOfMonth(code: form.photoMonth ?? "") else { throw AppError.invalid("Chọn tháng của báo cáo.") }
            guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp ảnh (JPEG, PNG) hoặc PDF để đính kèm.") }
            _ = try await AttachWorkPhoto(work: code, month: month, fileName: file.filename, contentType: file.contentType?.serialize() ?? "",
                                          content: Data(buffer: file.data)).run(req.app(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .work(code: code), ["da-dinh-kem": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status)
        }
    }

    struct ApprovalForm: Content { var month: String? }

    /// Ban Dân tộc approves a month from the progress table.
    @Sendable static func approve(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.work(code: code).path) }
        do {
            guard let month = CivilDate.endOfMonth(code: (try? req.content.decode(ApprovalForm.self))?.month ?? "") else { throw AppError.invalid("Thiếu tháng cần duyệt.") }
            try await ApproveWorkMonth(work: code, month: month).run(req.app(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .work(code: code), ["da-duyet": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status)
        }
    }

    /// A work's file, to signed-in users.
    @Sendable static func photo(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard req.caller?.principal != nil else { return req.redirectToSignIn() }
        guard let id = req.parameters.get("id", as: Int.self), let (photo, data) = try await WorkPhotos(req.db).file(id: id, work: code) else {
            return Layout.render(PageContext(req), title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Không có tệp này của công trình.")])
        }
        return Download.stored(data, fileName: photo.fileName, contentType: photo.contentType)
    }

    /// What the monthly report form holds, kept as typed when it is refused.
    struct ReportForm: Content {
        var month: String?
        var valueDone: String?
        var disbursed: String?
        var percent: String?
        var landCleared: String?
        var landNeeded: String?
        var causes: String?
    }

    /// The monthly report from the form: the same use case as the command line; back to the page (303), or the page
    /// again with the reason and everything typed.
    @Sendable static func post(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.work(code: code).path) }
        let form = (try? req.content.decode(ReportForm.self)) ?? ReportForm()
        do {
            guard let month = CivilDate.endOfMonth(code: form.month ?? "") else {
                throw AppError.invalid("Chọn tháng báo cáo.")
            }
            guard let percent = form.percent.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw AppError.invalid("Tiến độ là số nguyên từ 0 đến 100.")
            }
            let report = WorkProgress(workCode: code, month: month, valueDone: try FormValues.amount(form.valueDone, "Khối lượng trong tháng"),
                                      disbursed: try FormValues.amount(form.disbursed, "Giải ngân trong tháng"), physicalPercent: percent,
                                      landCleared: try FormValues.hectares(form.landCleared, "Mặt bằng đã giải phóng"),
                                      landNeeded: try FormValues.hectares(form.landNeeded, "Diện tích cần giải phóng"),
                                      causes: form.causes, reportedBy: "")
            try await ReportWorkProgress(report).run(req.app(), by: Caller(principal: principal, address: req.clientAddress), today: req.application.today)
            return req.redirect(to: .work(code: code), ["da-gui": "1"])
        } catch let error as AppError {
            return try await render(req, notice: .error(error.description), status: error.status, typed: form)
        }
    }

    static func render(_ req: Request, notice: Notice?, status: HTTPResponseStatus = .ok, typed: ReportForm? = nil) async throws -> Response {
        let context = PageContext(req)
        let code = req.parameters.get("code") ?? ""
        let book = CapitalBook(req.db)
        guard let work = try await book.works().first(where: { $0.code == code }) else {
            return Layout.render(context, title: context.t("Không tìm thấy trang."), status: .notFound,
                                 [el("p", [], text: "Không có công trình mã \"\(code.clipped(to: 40))\".")])
        }
        let allocations = try await book.events().filter { $0.kind == .allocate && $0.target == work.code }
        let reports = try await book.progress().filter { $0.workCode == work.code }
        let directory = try await req.loadedPlan().directory
        let today = req.application.today
        // The same question the use case asks: may this user report this work's month?
        let investor = work.investor.flatMap { try? CapitalHolders.reporter($0, directory: directory) }
        let mayReport = context.principal.map { Policy.can($0, .reportWork(investor: investor)) } ?? false
        let photos = Dictionary(grouping: try await WorkPhotos(req.db).list(work: work.code), by: \.month)
        let approves = context.principal.map { Policy.can($0, .approveWork) } ?? false
        var page = body(work, investor: work.investor?.name(in: directory, on: today), allocations: allocations, reports: reports,
                        photos: context.principal == nil ? nil : photos, approves: approves, today: today, context)
        if mayReport {
            page += form(code: work.code, typed: typed ?? ReportForm(), today: today, context)
            if !reports.isEmpty { page += photoForm(code: work.code, months: reports.map(\.month).reversed(), context) }
        }
        return Layout.render(context, title: work.name, status: status, Notice.markup(notice) + page)
    }

    /// The monthly report form, for the work's chủ đầu tư and Ban Dân tộc; works without JavaScript.
    static func form(code: String, typed: ReportForm, today: CivilDate, _ c: PageContext) -> [Markup] {
        return [
            el("h2", [("id", "bao-cao")], text: c.t("Báo cáo tiến độ tháng")),
            el("form", [("method", "post"), ("action", SiteURL.workReport(code: code).path), ("class", "update")], [
                c.csrfField,
                field(c.t("Tháng"), name: "month", type: "month", value: typed.month ?? today.monthCode, required: true),
                field(c.t("Khối lượng thực hiện trong tháng (đồng)"), name: "valueDone", value: typed.valueDone, required: true, attributes: [("inputmode", "numeric")]),
                field(c.t("Giải ngân trong tháng (đồng)"), name: "disbursed", value: typed.disbursed, required: true, attributes: [("inputmode", "numeric")]),
                field(c.t("Tiến độ của cả công trình (%)"), name: "percent", type: "number", value: typed.percent, required: true, attributes: [("min", "0"), ("max", "100")]),
                field(c.t("Mặt bằng đã giải phóng (ha)"), name: "landCleared", value: typed.landCleared, attributes: [("inputmode", "decimal")]),
                field(c.t("Diện tích cần giải phóng (ha)"), name: "landNeeded", value: typed.landNeeded, attributes: [("inputmode", "decimal")]),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-causes")], text: c.t("Khó khăn, nguyên nhân chậm")),
                    el("textarea", [("id", "f-causes"), ("name", "causes"), ("rows", "3")], text: typed.causes ?? ""),
                ]),
                el("button", [("type", "submit")], text: c.t("Gửi báo cáo")),
            ]),
        ]
    }

    /// Attach a photo of the site or a scanned record to a reported month; works without JavaScript.
    static func photoForm(code: String, months: [CivilDate], _ c: PageContext) -> [Markup] {
        [
            el("h2", [("id", "anh")], text: c.t("Đính kèm ảnh hiện trường, biên bản")),
            el("form", [("method", "post"), ("action", SiteURL.workPhotos(code: code).path), ("enctype", "multipart/form-data"), ("class", "update")], [
                c.csrfField,
                select(c.t("Báo cáo tháng"), name: "photoMonth", options: months.map { ($0.monthCode, "\($0.month)/\($0.year)") }, selected: nil),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-file")], text: c.t("Tệp (JPEG, PNG, PDF; tối đa 10 MB)")),
                    void("input", [("id", "f-file"), ("type", "file"), ("name", "file"), ("required", "required"),
                                   ("accept", "image/jpeg,image/png,application/pdf")]),
                ]),
                el("button", [("type", "submit")], text: c.t("Đính kèm")),
            ]),
        ]
    }

    /// `photos` nil: the reader is not signed in and sees no files.
    static func body(_ w: InvestmentWork, investor: String?, allocations: [CapitalEvent], reports: [WorkProgress],
                     photos: [CivilDate: [WorkPhoto]]?, approves: Bool = false, today: CivilDate, _ c: PageContext) -> [Markup] {
        let none = c.t("chưa có số liệu")
        let decision: (CapitalDecision?) -> String = { $0?.vietnamese ?? none }
        let date: (CivilDate?) -> String = { $0?.vietnamese ?? none }
        return [
            el("dl", [("class", "facts")], [
                el("dt", [], text: c.t("Mã")), el("dd", [], text: w.code),
                el("dt", [], text: c.t("Nhiệm vụ")), el("dd", [], w.taskCodes.map { link(SiteURL.task(code: $0).path, $0) }),
                el("dt", [], text: c.t("Dự án")), el("dd", [], text: w.project.map { "Dự án \($0)" } ?? none),
                el("dt", [], text: c.t("Chủ đầu tư")), el("dd", [], text: investor ?? none),
                el("dt", [], text: c.t("Chủ trương đầu tư")), el("dd", [], text: decision(w.policyDecision)),
                el("dt", [], text: c.t("Phê duyệt dự án")), el("dd", [], text: decision(w.approvalDecision)),
                el("dt", [], text: c.t("Tổng mức đầu tư")), el("dd", [], text: w.totalInvestment?.vietnamese ?? none),
                el("dt", [], text: c.t("Khởi công (kế hoạch / thực tế)")), el("dd", [], text: "\(date(w.plannedStart)) / \(date(w.actualStart))"),
                el("dt", [], text: c.t("Hoàn thành (kế hoạch / thực tế)")), el("dd", [], text: "\(date(w.plannedFinish)) / \(date(w.actualFinish))"),
                el("dt", [], text: c.t("Tình trạng")), el("dd", [], text: w.status?.vietnamese ?? none),
            ]),
            el("h2", [("id", "von")], text: c.t("Vốn phân bổ cho công trình")),
            allocations.isEmpty ? el("p", [("class", "muted")], text: c.t("Chưa có quyết định phân bổ vốn cho công trình này."))
                : table(caption: c.t("Vốn phân bổ cho công trình"), headers: [c.t("Dòng vốn"), c.t("Số tiền"), c.t("Quyết định")],
                        rows: allocations.map { [.text($0.lineId), .text($0.amount.vietnamese), .text($0.decision.vietnamese)] }),
            el("h2", [("id", "tien-do")], text: c.t("Tiến độ hằng tháng")),
            el("p", [("class", "muted")], text: c.t("Chủ đầu tư báo cáo trước ngày 25 hằng tháng.") + (w.followUp(reports, today: today).map { " " + c.t("Cần đôn đốc") + ": " + $0 + "." } ?? "")),
        ] + (reports.isEmpty ? [el("p", [("class", "muted")], text: c.t("Chưa có báo cáo tiến độ."))] : [
            chart(reports, c),
            table(caption: c.t("Tiến độ hằng tháng"), headers: [c.t("Tháng"), c.t("Tiến độ"), c.t("Khối lượng trong tháng"), c.t("Giải ngân trong tháng"), c.t("Mặt bằng (ha)"), c.t("Khó khăn"), c.t("Ảnh, biên bản"), c.t("Duyệt")],
                  rows: reports.map { r in
                [.text("\(r.month.month)/\(r.month.year)"), .text("\(r.physicalPercent) %"), .text(r.valueDone.vietnamese), .text(r.disbursed.vietnamese),
                 .text(r.landCleared.map { "\($0.vietnamese)" + (r.landNeeded.map { "/\($0.vietnamese)" } ?? "") } ?? "—"), .text(r.causes ?? ""),
                 photos.map { all in
                     let files = all[r.month] ?? []
                     return files.isEmpty ? .text("—") : el("ul", [("class", "plain")], files.map { el("li", [], [link(SiteURL.workPhoto(code: w.code, id: $0.id).path, $0.fileName)]) })
                 } ?? .text(c.t("đăng nhập để xem")),
                 approval(r, code: w.code, approves: approves, c)]
            }),
        ]) + [el("p", [], [link(SiteURL.capital.path, c.t("Về trang Nguồn vốn"))])]
    }

    /// "đã duyệt (bdt)", or "chờ duyệt" with Ban Dân tộc's button.
    static func approval(_ r: WorkProgress, code: String, approves: Bool, _ c: PageContext) -> Markup {
        if let by = r.approvedBy { return .text("\(c.t("đã duyệt")) (\(by))") }
        guard approves else { return .text(c.t("chờ duyệt")) }
        return el("form", [("method", "post"), ("action", SiteURL.workApproval(code: code).path)], [
            c.csrfField, void("input", [("type", "hidden"), ("name", "month"), ("value", r.month.monthCode)]),
            el("button", [("type", "submit")], text: c.t("Duyệt tháng") + " \(r.month.month)/\(r.month.year)"),
        ])
    }

    /// Physical progress month by month, 0…100 %; the table under it has the same figures.
    static func chart(_ reports: [WorkProgress], _ c: PageContext) -> Markup {
        let width = 640, height = 160, left = 30, bottom = 22
        let step = max(1, (width - left) / max(1, reports.count))
        func y(_ percent: Int) -> Int { height - bottom - percent * (height - bottom - 10) / 100 }
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"tien-do-title\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"tien-do-title\">\(Escape.text(c.t("Tiến độ thực hiện theo tháng")))</title>"
        let points = reports.enumerated().map { i, r in "\(left + i * step + step / 2),\(y(r.physicalPercent))" }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" class=\"chart-progress\"/>"
        for (i, r) in reports.enumerated() {
            let x = left + i * step + step / 2
            svg += "<circle cx=\"\(x)\" cy=\"\(y(r.physicalPercent))\" r=\"3\" class=\"done\"/>"
            svg += "<text x=\"\(x - 8)\" y=\"\(y(r.physicalPercent) - 6)\" class=\"chart-value\">\(r.physicalPercent)</text>"
            svg += "<text x=\"\(x - 12)\" y=\"\(height - 6)\" class=\"chart-label\">\(r.month.month)/\(r.month.year % 100)</text>"
        }
        return .raw(svg + "</svg>")
    }
}
