import Foundation
import TiendoApp
import TiendoCore
import TiendoImport
import TiendoStore
import Vapor

/// Số liệu: enter a reporter's figures for an obligation and period, and move them through approval, without JavaScript.
enum DataPages {
    /// The obligations, and the reporters this user may enter figures for.
    @Sendable static func index(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.figures.path) }
        let data = try await PlanData.load(req)
        let on = data.plan.plan.issuedOn
        let reporters = EntryForm.reporters(for: principal, directory: data.directory, on: on).map { code -> (String, String) in
            guard let unit = data.directory.units.versions(of: code).last else { return (code, code) }
            let district = unit.parentCode.flatMap { data.directory.units.versions(of: $0).last }
            return (code, unit.level == .commune ? "\(unit.name) (\(district?.name ?? ""))" : unit.name)
        }
        let obligations = data.plan.reportObligations.filter { $0.dueOn != nil }
        let rows: [[Markup]] = reporters.map { code, name in
            [.text(name)] + obligations.map { o in link(SiteURL.reporterFigures(obligation: o.id, reporter: code).with(["ky": o.period.code]), o.period.label) }
        }
        return Layout.render(c, title: "Số liệu", [
            reporters.isEmpty ? el("p", [("class", "notice")], text: "Tài khoản này không nhập số liệu cho đơn vị nào.") : .empty,
            table(caption: "Nhập số liệu theo chế độ báo cáo", headers: ["Đơn vị báo cáo"] + obligations.map(\.name), rows: rows),
        ])
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, message: req.query[String.self, at: "da-luu"] != nil ? .ok("Đã lưu.") : nil, status: .ok)
    }

    static func render(_ req: Request, message: Notice?, issues: [String] = [], status: HTTPResponseStatus) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else {
            return req.redirectToSignIn()
        }
        let obligation = req.parameters.get("obligation") ?? "", reporter = req.parameters.get("reporter") ?? ""
        let periodCode = req.query[String.self, at: "ky"] ?? (try? req.content.get(String.self, at: "ky")) ?? ""
        let entry = (try await req.dataEntry())
        let submission = try await entry.load(obligation: obligation, reporter: reporter, period: periodCode)
        let seed = try SeedData.indicatorDefinitions()
        let data = try await PlanData.load(req)
        let found = data.plan.reportObligations.first { $0.id == obligation }
        let due = found?.dueOn ?? data.plan.plan.issuedOn
        let elements = found?.elements(from: seed.elements) ?? []
        let rows = (EntryForm.make(reporter: submission.reporter, directory: data.directory, elements: elements, on: due)?.lines ?? [])
            .map { (element: $0.element, unit: $0.unitCode) }
        let current = Dictionary(submission.values.map { ("\($0.unitCode ?? submission.reporter)|\($0.element)", $0) }, uniquingKeysWith: { a, _ in a })
        let who = Reporter.resolve(submission.reporter, directory: data.directory, on: due) ?? .agency(name: submission.reporter)
        let editable = Policy.can(principal, .submission(.edit, state: submission.state, reporter: who))
        var body = Notice.markup(message, issues: issues)
        body.append(el("p", [], [.text("Kỳ: \(ReportingPeriod.parse(periodCode)?.label ?? periodCode) · Trạng thái: "),
                                 el("strong", [], text: submission.state.vietnamese)]))
        let tableRows: [Markup] = rows.enumerated().map { index, row in
            let key = "\(row.unit)|\(row.element.code)"
            let unitName = data.directory.units.versions(of: row.unit).last?.name ?? row.unit
            return el("tr", [], [
                el("td", [("data-label", "Chỉ tiêu")], [
                    el("label", [("for", "v\(index)")], text: row.element.name + (row.unit == submission.reporter ? "" : " — \(unitName)")),
                    void("input", [("type", "hidden"), ("name", "element[]"), ("value", row.element.code)]),
                    void("input", [("type", "hidden"), ("name", "unit[]"), ("value", row.unit)]),
                ]),
                el("td", [("data-label", "Đơn vị tính")], text: row.element.unit),
                el("td", [("data-label", "Số liệu")], [void("input", [("id", "v\(index)"), ("name", "value[]"), ("inputmode", "numeric"),
                                                                      ("value", current[key].map { String($0.value) } ?? ""),
                                                                      ("readonly", editable ? nil : "readonly")])]),
                el("td", [("data-label", "Ghi chú")], [void("input", [("aria-label", "Ghi chú: \(row.element.name)"), ("name", "comment[]"),
                                                                      ("value", current[key]?.comment ?? ""), ("readonly", editable ? nil : "readonly")])]),
            ])
        }
        let action = SiteURL.reporterFigures(obligation: obligation, reporter: reporter).path
        body.append(el("form", [("method", "post"), ("action", action)], [
            c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
            el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
                el("caption", text: "Số liệu \(submission.reporter)"),
                el("thead", [], [el("tr", [], ["Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"].map { el("th", [("scope", "col")], text: $0) })]),
                el("tbody", [], tableRows),
            ])]),
            editable ? el("button", [("type", "submit")], text: "Lưu") : .empty,
        ]))
        body += excel(c, obligation: obligation, reporter: reporter, periodCode: periodCode,
                      isDistrict: who.level == .district, editable: editable || who.level == .district)
        let steps: [(SubmissionAction, String)] = [(.submit, "Gửi"), (.approve, "Duyệt"), (.return, "Trả lại"), (.reopen, "Mở lại")]
        let allowed = steps.filter { action, _ in
            Policy.can(principal, .submission(action, state: submission.state, reporter: who))
        }
        if !allowed.isEmpty {
            body.append(el("form", [("method", "post"), ("action", SiteURL.figureStep(obligation: obligation, reporter: reporter).path)], [
                c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                field("Lý do (bắt buộc khi trả lại hoặc mở lại)", name: "comment"),
            ] + allowed.map { action, label in el("button", [("type", "submit"), ("name", "action"), ("value", action.rawValue)], text: label) }))
        }
        return Layout.render(c, title: "Số liệu — \(data.plan.reportObligations.first { $0.id == obligation }?.name ?? obligation)", status: status, body)
    }

    /// Download the pre-filled template; upload a filled one (no JavaScript needed); a district's grid of communes.
    static func excel(_ c: PageContext, obligation: String, reporter: String, periodCode: String, isDistrict: Bool, editable: Bool) -> [Markup] {
        let template = SiteURL.figureTemplate(obligation: obligation, reporter: reporter)
        var markup: [Markup] = [
            el("h2", [], text: "Nhập bằng Excel"),
            el("p", [], [link(template.with(["ky": periodCode]), isDistrict ? "Tải mẫu Excel (huyện và các xã)" : "Tải mẫu Excel", class: "button"),
                         .text(" Điền hai cột tô vàng rồi tải lên; tệp được kiểm tra toàn bộ và chỉ lưu khi không còn lỗi.")]),
        ]
        if editable {
            markup.append(el("form", [("method", "post"), ("action", template.path), ("enctype", "multipart/form-data")], [
                c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-file")], text: "Tệp Excel đã điền (.xlsx)"),
                    void("input", [("id", "f-file"), ("type", "file"), ("name", "file"), ("required", "required"),
                                   ("accept", ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                ]),
                el("button", [("type", "submit")], text: "Tải lên"),
            ]))
        }
        if isDistrict {
            markup.append(el("p", [], [link(SiteURL.communeGrid(obligation: obligation, district: reporter).with(["ky": periodCode]), "Bảng số liệu các xã của huyện")]))
        }
        return markup
    }

    @Sendable static func template(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.figures.path) }
        let (scope, bytes) = try await DownloadTemplate(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                                        period: req.query[String.self, at: "ky"] ?? "")
            .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
        return Download.attachment(bytes, filename: scope.filename)
    }

    struct UploadForm: Content { var ky: String; var file: File? }

    @Sendable static func upload(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(UploadForm.self)
        let figures = SiteURL.reporterFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "")
        do {
            guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp Excel (.xlsx) để tải lên.") }
            _ = try await UploadTemplate(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                         period: form.ky, file: Data(buffer: file.data))
                .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: figures, ["ky": form.ky, "da-luu": "1"])
        } catch let rejected as UploadRejected {
            return try await render(req, message: .error("Tệp chưa được nhận; không số liệu nào được lưu. Sửa các ô dưới đây rồi tải lên lại."),
                                    issues: rejected.issues.map(\.description), status: .badRequest)
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status)
        }
    }

    struct Form: Content {
        var ky: String
        var element: [String]?
        var unit: [String]?
        var value: [String]?
        var comment: [String]?
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(Form.self)
        let elements = form.element ?? [], units = form.unit ?? [], values = form.value ?? [], comments = form.comment ?? []
        var entries: [EntryValue] = []
        for index in elements.indices {
            let text = index < values.count ? values[index].replacingOccurrences(of: ".", with: "").trimmingCharacters(in: .whitespaces) : ""
            guard !text.isEmpty else { continue }
            guard let number = Int(text) else {
                return try await render(req, message: .error("Dòng \(index + 1): \"\(text)\" không phải số nguyên."), status: .badRequest)
            }
            let comment = index < comments.count ? comments[index] : ""
            entries.append(EntryValue(element: elements[index], unitCode: index < units.count ? units[index] : nil, value: number,
                                      comment: comment.isEmpty ? nil : comment))
        }
        do {
            _ = try await SaveFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                      period: form.ky, values: entries)
                .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .reporterFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? ""),
                                   ["ky": form.ky, "da-luu": "1"])
        } catch let rejected as DataRejected {
            return try await render(req, message: .error("Số liệu chưa được lưu; sửa các lỗi dưới đây."), issues: rejected.issues.map(\.description), status: .badRequest)
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status)
        }
    }

    struct StepForm: Content { var ky: String; var action: String; var comment: String? }

    @Sendable static func step(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(StepForm.self)
        let figures = SiteURL.reporterFigures(obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "")
        do {
            guard let action = SubmissionAction(rawValue: form.action), action != .edit else { throw AppError.invalid("Bước không hợp lệ.") }
            _ = try await MoveSubmission(action, obligation: req.parameters.get("obligation") ?? "", reporter: req.parameters.get("reporter") ?? "",
                                         period: form.ky, comment: form.comment?.isEmpty == true ? nil : form.comment)
                .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: figures, ["ky": form.ky, "da-luu": "1"])
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status)
        }
    }
}
