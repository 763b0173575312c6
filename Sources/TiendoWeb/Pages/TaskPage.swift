import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// One task: its words, who leads and helps and where each stands, the timeline, and the form for those who may report.
enum TaskPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, message: req.query[String.self, at: "da-gui"] != nil ? .ok("Đã ghi cập nhật.") : nil)
    }

    enum Message {
        case ok(String), error(String)

        /// The outcome of a form as the page announces it (status or alert), with the problems listed.
        static func markup(_ message: Message?, issues: [String] = []) -> [Markup] {
            var body: [Markup] = []
            switch message {
            case let .ok(text)?: body.append(el("p", [("class", "ok"), ("role", "status")], text: text))
            case let .error(text)?: body.append(el("p", [("class", "error"), ("role", "alert")], text: text))
            case nil: break
            }
            if !issues.isEmpty { body.append(el("ul", [("class", "error"), ("role", "alert")], issues.map { el("li", [], text: $0) })) }
            return body
        }
    }

    static func render(_ req: Request, message: Message?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = PageContext(req)
        let data = try await PlanData.load(req)
        let code = req.parameters.get("code") ?? ""
        guard let listing = try data.listings().first(where: { $0.code == code }),
              let summary = data.progress[code] else {
            return Layout.render(context, title: context.t("Không tìm thấy trang."), status: .notFound,
                                 [el("p", [], text: "Không có nhiệm vụ mã \"\(code)\".")])
        }
        var body = Message.markup(message)
        body.append(el("dl", [("class", "facts")], [
            el("dt", [], text: context.t("Nguồn")), el("dd", [], text: data.groupTitle(of: listing)),
            el("dt", [], text: context.t("Hạn")), el("dd", [], text: listing.deadline.map { "\($0.text)" + ($0.date.map { " (\($0.vietnamese))" } ?? "") } ?? "—"),
            el("dt", [], text: context.t("Tình trạng")), el("dd", [], [Format.badge(summary.status, context.language)]),
        ]))
        body.append(el("blockquote", [], [el("p", [], text: listing.text)]))
        if !listing.relatedTasks.isEmpty {
            body.append(el("p", [], [.text(listing.source == .section ? "Phụ lục: " : "Mục III: ")]
                           + listing.relatedTasks.map { link(SiteURL.task(code: $0).path, $0) }.interleaved(with: .text(", "))))
        }
        body.append(el("h2", [], text: context.t("Chủ trì, phối hợp")))
        body.append(table(caption: context.t("Chủ trì, phối hợp"),
                          headers: [context.t("Cơ quan"), context.t("Vai trò"), context.t("Tình trạng"), context.t("Tỷ lệ hoàn thành (%)"), context.t("Đã cập nhật")],
                          rows: summary.assignees.map { a in
            [.text(a.assignee + (a.via.map { " (\($0))" } ?? "")), .text(a.role == .lead ? "chủ trì" : "phối hợp"),
             .text(context.language.status(a.status)), .text("\(a.progress)"), .text(a.lastUpdate?.createdAt.map { String($0.prefix(10)) } ?? "—")]
        }))
        body.append(el("h2", [], text: context.t("Lịch sử cập nhật")))
        let updates = data.updates.filter { $0.taskCode == code }.reversed()
        body.append(updates.isEmpty ? el("p", [("class", "muted")], text: context.t("Chưa có cập nhật nào."))
                    : el("ol", [("class", "timeline")], updates.map { u in
            el("li", [], [
                el("strong", [], text: "\(u.reporter): \(context.language.status(u.status)), \(u.progress)%"),
                el("p", [], text: u.note),
                el("p", [("class", "muted")], text: [u.evidenceNumber.map { "Minh chứng: \($0)" }, u.evidenceDate?.vietnamese,
                                                     "\(context.t("Người gửi")): \(u.username)", u.createdAt].compactMap { $0 }.joined(separator: " · ")),
            ])
        }))
        body += form(data, code: code, summary: summary, context)
        return Layout.render(context, title: "\(context.t("Nhiệm vụ")) \(code)", status: status, body)
    }

    /// The bodies this user may report for on this task; empty means no form.
    static func reporters(_ data: PlanData, code: String, summary: TaskProgressSummary, _ principal: Principal?) -> [AssigneeProgress] {
        guard let principal, let assignments = TaskReporting.assignments(of: code, in: data.plan) else { return [] }
        return summary.assignees.filter { assignee in
            let date = data.plan.plan.issuedOn
            guard let agency = data.directory.reporter(named: assignee.unitCode ?? assignee.assignee, on: date) else { return false }
            return (try? Policy.reportingRole(principal, for: agency, assignments: assignments, taskCode: code,
                                              directory: data.directory, on: date).get()) != nil
        }
    }

    static func form(_ data: PlanData, code: String, summary: TaskProgressSummary, _ c: PageContext) -> [Markup] {
        let eligible = reporters(data, code: code, summary: summary, c.principal)
        guard !eligible.isEmpty else { return [] }
        let statuses = ProgressStatus.allCases.map { ($0.rawValue, c.language.status($0)) }
        return [
            el("h2", [("id", "cap-nhat")], text: c.t("Cập nhật tiến độ")),
            el("form", [("method", "post"), ("action", SiteURL.taskUpdate(code: code).path)], [
                c.csrfField,
                select(c.t("Báo cáo thay cho"), name: "unit", options: eligible.map { ($0.unitCode ?? $0.assignee, $0.assignee) }, selected: nil),
                select(c.t("Trạng thái"), name: "status", options: statuses, selected: ProgressStatus.inProgress.rawValue),
                field(c.t("Tỷ lệ hoàn thành (%)"), name: "progress", type: "number", value: "0", required: true,
                      attributes: [("min", "0"), ("max", "100"), ("step", "1")]),
                el("div", [("class", "field")], [
                    el("label", [("for", "f-note")], text: c.t("Nội dung báo cáo")),
                    el("textarea", [("id", "f-note"), ("name", "note"), ("maxlength", "10000")], []),
                ]),
                field(c.t("Số văn bản minh chứng"), name: "evidenceNumber"),
                field(c.t("Ngày văn bản"), name: "evidenceDate", type: "date"),
                el("button", [("type", "submit")], text: c.t("Gửi cập nhật")),
            ]),
        ]
    }

    struct UpdateForm: Content {
        var unit: String?
        var status: String
        var progress: String
        var note: String?
        var evidenceNumber: String?
        var evidenceDate: String?
    }

    /// The form post: same checks as the API, then back to the task page (303), or the page again with the reason.
    @Sendable static func post(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let principal = req.caller?.principal else {
            return req.redirectToSignIn(returningTo: SiteURL.task(code: code).path)
        }
        do {
            let form = try req.content.decode(UpdateForm.self)
            guard let status = ProgressStatus(rawValue: form.status) else { throw AppError.invalid("Trạng thái không hợp lệ.") }
            guard let progress = Int(form.progress.trimmingCharacters(in: .whitespaces)) else {
                throw AppError.invalid("Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100.")
            }
            let date = try form.evidenceDate.flatMap { $0.isEmpty ? nil : $0 }.map { text -> CivilDate in
                guard let date = CivilDate(iso: text) else { throw AppError.invalid("Ngày văn bản không hợp lệ.") }
                return date
            }
            _ = try await PostTaskUpdate(task: code, request: TaskUpdateRequest(status: status, progress: progress, note: form.note ?? "", unit: form.unit,
                                                                                 evidenceNumber: form.evidenceNumber, evidenceDate: date))
                .run(try await req.appWithPlan(), by: Caller(principal: principal, address: req.clientAddress))
            return req.redirect(to: .task(code: code), ["da-gui": "1"])
        } catch let error as AppError {
            return try await render(req, message: .error(error.description), status: error.status)
        }
    }
}

extension Array {
    func interleaved(with separator: Element) -> [Element] {
        enumerated().flatMap { index, element in index == 0 ? [element] : [separator, element] }
    }
}
