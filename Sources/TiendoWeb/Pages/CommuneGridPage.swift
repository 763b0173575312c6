import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// A district's view of its communes for one obligation and period: every figure on one page, where each
/// commune stands, saving all communes at once (all or nothing) and approving those that were sent.
enum CommuneGridPage {
    struct Grid {
        var obligation: ReportObligation
        var district: AdminUnit
        var periodCode: String
        var communes: [AdminUnit]
        var elements: [DataElement]
        var submissions: [String: Submission]
        /// The district's own report: sent once its communes' figures are approved.
        var own: Submission
    }

    static func load(_ req: Request, periodCode: String) async throws -> Grid {
        let data = try await PlanData.load(req)
        let id = req.parameters.get("obligation") ?? "", code = req.parameters.get("reporter") ?? ""
        guard let obligation = data.plan.reportObligations.first(where: { $0.id == id }), let due = obligation.dueOn else {
            throw AppError.notFound("Không có chế độ báo cáo \"\(id)\" có thời hạn.")
        }
        guard let district = data.directory.units.unit(code: code, at: due), district.level == .district else {
            throw AppError.notFound("Không có đơn vị cấp huyện mã \"\(code)\" vào ngày \(due.vietnamese).")
        }
        let communes = data.directory.units.children(of: code, at: due)
        let elements = obligation.elements(from: try SeedData.indicatorDefinitions().elements).filter {
            if case .units = $0.source { return $0.level == .commune }
            return false
        }
        var submissions: [String: Submission] = [:]
        let entry = (try await req.dataEntry())
        for commune in communes {
            submissions[commune.code] = try await entry.load(obligation: id, reporter: commune.code, period: periodCode)
        }
        return Grid(obligation: obligation, district: district, periodCode: periodCode, communes: communes, elements: elements,
                    submissions: submissions, own: try await entry.load(obligation: id, reporter: code, period: periodCode))
    }

    static func allows(_ action: SubmissionAction, _ state: SubmissionState, _ principal: Principal, commune: AdminUnit) -> Bool {
        Policy.can(principal, .submission(action, state: state, reporter: .unit(code: commune.code, level: .commune, parentCode: commune.parentCode)))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, message: req.query[String.self, at: "da-luu"] != nil ? .ok("Đã lưu.") : nil, issues: [], status: .ok)
    }

    static func render(_ req: Request, message: Notice?, issues: [String], status: HTTPResponseStatus) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else {
            return req.redirectToSignIn()
        }
        let periodCode = req.query[String.self, at: "ky"] ?? (try? req.content.get(String.self, at: "ky")) ?? ""
        let grid = try await load(req, periodCode: periodCode)
        let (obligation, district) = (grid.obligation.id, grid.district.code)
        var body = Notice.markup(message, issues: issues)
        body.append(el("p", [], text: "Kỳ: \(ReportingPeriod.parse(periodCode)?.label ?? periodCode). Ô chỉ đọc là số liệu của xã đã gửi hoặc đã duyệt; "
                        + "cảnh báo cần ghi chú thì nhập ở trang của từng xã."))
        let header = el("tr", [], [el("th", [("scope", "col")], text: "Chỉ tiêu")] + grid.communes.map { commune in
            el("th", [("scope", "col")], [link(SiteURL.reporterFigures(obligation: obligation, reporter: commune.code).with(["ky": periodCode]), commune.name), el("br"),
                                         el("small", [], text: grid.submissions[commune.code]?.state.vietnamese ?? "")])
        })
        let rows: [Markup] = grid.elements.map { element in
            el("tr", [], [el("th", [("scope", "row")], text: "\(element.name) (\(element.unit))")] + grid.communes.map { commune in
                let submission = grid.submissions[commune.code]
                let value = submission?.values.first { $0.element == element.code }?.value
                let editable = allows(.edit, submission?.state ?? .draft, principal, commune: commune)
                return el("td", [("data-label", commune.name)], [void("input", [
                    ("name", "v_\(commune.code)_\(element.code)"), ("inputmode", "numeric"), ("size", "8"),
                    ("aria-label", "\(element.name) — \(commune.name)"), ("value", value.map(String.init) ?? ""),
                    ("readonly", editable ? nil : "readonly"),
                ])])
            })
        }
        body.append(el("form", [("method", "post"), ("action", SiteURL.communeGrid(obligation: obligation, district: district).path)], [
            c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
            el("div", [("class", "table-wrap")], [el("table", [("class", "data grid")], [
                el("caption", text: "Số liệu các xã của \(grid.district.name)"),
                el("thead", [], [header]), el("tbody", [], rows),
            ])]),
            el("button", [("type", "submit")], text: "Lưu số liệu các xã"),
        ]))
        let waiting = grid.communes.filter { allows(.approve, grid.submissions[$0.code]?.state ?? .draft, principal, commune: $0) }
        if !waiting.isEmpty {
            body.append(el("form", [("method", "post"), ("action", SiteURL.communeGridApproval(obligation: obligation, district: district).path)], [
                c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                el("p", [], text: "Đã gửi, chờ huyện duyệt: " + waiting.map(\.name).joined(separator: ", ") + "."),
                el("button", [("type", "submit")], text: "Duyệt \(waiting.count) xã đã gửi"),
            ]))
        }
        body.append(el("h2", [], text: "Báo cáo của huyện"))
        body.append(el("p", [], [.text("Trạng thái: "), el("strong", [], text: grid.own.state.vietnamese),
                                 .text(". Gửi khi đã duyệt số liệu các xã; Ban Dân tộc duyệt báo cáo của huyện là duyệt luôn số liệu các xã huyện đã duyệt.")]))
        let mayReport = Policy.can(principal, .submission(.submit, state: grid.own.state,
                                                          reporter: .unit(code: grid.district.code, level: .district, parentCode: grid.district.parentCode)))
        if mayReport {
            body.append(el("form", [("method", "post"), ("action", SiteURL.figureStep(obligation: obligation, reporter: district).path)], [
                c.csrfField, void("input", [("type", "hidden"), ("name", "ky"), ("value", periodCode)]),
                el("button", [("type", "submit"), ("name", "action"), ("value", SubmissionAction.submit.rawValue)], text: "Gửi báo cáo của huyện"),
            ]))
        }
        body.append(el("p", [], [link(SiteURL.figureTemplate(obligation: obligation, reporter: district).with(["ky": periodCode]), "Tải mẫu Excel của huyện và các xã")]))
        return Layout.render(c, title: "Số liệu các xã — \(grid.district.name)", status: status, body)
    }

    /// Saves every commune's column of the grid in one transaction; a commune whose figures did not change is left alone.
    @Sendable static func save(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode([String: String].self)
        let periodCode = form["ky"] ?? ""
        let grid = try await load(req, periodCode: periodCode)
        var problems: [String] = []
        var batches: [(reporter: String, entries: [EntryValue])] = []
        for commune in grid.communes {
            let stored = grid.submissions[commune.code]?.values ?? []
            var entries: [EntryValue] = []
            for element in grid.elements {
                let text = (form["v_\(commune.code)_\(element.code)"] ?? "").replacingOccurrences(of: ".", with: "").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                guard let number = Int(text) else {
                    problems.append("\(commune.name) · \(element.name): \"\(text)\" không phải số nguyên.")
                    continue
                }
                // A comment entered on the commune's own page stays with its figure.
                let comment = stored.first { $0.element == element.code }?.comment
                entries.append(EntryValue(element: element.code, unitCode: commune.code, value: number, comment: comment))
            }
            batches.append((commune.code, entries))
        }
        guard problems.isEmpty else {
            return try await render(req, message: .error("Chưa lưu gì; sửa các ô dưới đây."), issues: problems, status: .badRequest)
        }
        do {
            _ = try await SaveFiguresOfMany(obligation: grid.obligation.id, period: periodCode, batches: batches)
                .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
        } catch let rejected as DataRejected {
            let names = Dictionary(uniqueKeysWithValues: grid.communes.map { ($0.code, $0.name) })
            return try await render(req, message: .error("Chưa lưu gì; sửa các ô dưới đây."),
                                    issues: rejected.issues.map { "\(names[$0.unitCode] ?? $0.unitCode): \($0.message)" }, status: .badRequest)
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), issues: [], status: error.status)
        }
        return req.redirect(to: .communeGrid(obligation: grid.obligation.id, district: grid.district.code), ["ky": periodCode, "da-luu": "1"])
    }

    struct ApproveForm: Content { var ky: String }

    /// Approves, one by one, every commune that sent its figures; each approval is its own audited step.
    @Sendable static func approve(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn() }
        let form = try req.content.decode(ApproveForm.self)
        let grid = try await load(req, periodCode: form.ky)
        try await ApproveAllSent(obligation: grid.obligation.id, district: grid.district.code, period: form.ky)
            .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
        return req.redirect(to: .communeGrid(obligation: grid.obligation.id, district: grid.district.code), ["ky": form.ky, "da-luu": "1"])
    }
}
