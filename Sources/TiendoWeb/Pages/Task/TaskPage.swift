import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// One task: its words, who leads and helps and where each stands, the timeline, and the form for those who may report.
enum TaskPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, message: req.query[String.self, at: "da-gui"] != nil ? .ok("Đã ghi cập nhật.") : nil)
    }

    static func render(_ req: Request, message: Notice?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = PageContext(req)
        let code = req.parameters.get("code") ?? ""
        let data = try await PlanData.load(req)
        guard var model = try Model.query(data, code: code, principal: context.principal) else {
            return Layout.render(context, title: context.t("Không tìm thấy trang."), status: .notFound,
                                 [el("p", [], text: "Không có nhiệm vụ mã \"\(code)\".")])
        }
        model.children = try await Model.children(req.db, cache: req.application.planCache, plan: data.plan.id, code: code, today: data.today)
        return Layout.render(context, title: "\(context.t("Nhiệm vụ")) \(code)", status: status, Notice.markup(message) + View.body(model, context))
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
