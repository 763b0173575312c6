import Foundation
import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Kế hoạch as data: the plans side by side, a plan's document uploaded and read into a draft, the draft reviewed
/// next to its source text and published; a published plan with its versions and the child plans under it.
enum PlanImportPages {
    struct Upload: Content { var file: File?; var parent: String?; var amends: String? }

    @Sendable static func index(_ req: Request) async throws -> Response {
        try await renderIndex(req, notice: nil, status: .ok)
    }

    static func renderIndex(_ req: Request, notice: Notice?, status: HTTPResponseStatus) async throws -> Response {
        let c = PageContext(req)
        let plans = try await PlanRepository(req.db).plans()
        let drafts = try await PlanDrafts(req.db).all()
        return Layout.render(c, title: "Các kế hoạch", status: status, Notice.markup(notice, issues: []) + View.index(plans: plans, drafts: drafts, c))
    }

    @Sendable static func upload(_ req: Request) async throws -> Response {
        guard req.caller != nil else { return req.redirectToSignIn(returningTo: SiteURL.planImport.path) }
        do {
            let form = try req.content.decode(Upload.self)
            guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("Chọn tệp kế hoạch (.docx, .txt hoặc .md).") }
            let id = try await ImportPlan(data: Data(buffer: file.data), fileName: file.filename,
                                          parentPlanId: form.parent.flatMap { $0.isEmpty ? nil : $0 },
                                          amends: form.amends.flatMap { $0.isEmpty ? nil : $0 })
                .run(try await req.appWithPlan(), by: try req.useCaseCaller()).id
            return req.redirect(to: .planDraft(String(id)))
        } catch let error as AppError {
            return try await renderIndex(req, notice: .error(error.description), status: error.status)
        }
    }

    @Sendable static func review(_ req: Request) async throws -> Response {
        // A draft is not yet a plan: only signed-in officials see it.
        guard req.caller != nil else { return req.redirectToSignIn() }
        guard let id = req.parameters.get("draft").flatMap(Int.init), let stored = try await PlanDrafts(req.db).get(id) else {
            return Layout.render(PageContext(req), title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Không có bản nháp này.")])
        }
        let notice: Notice? = req.query[String.self, at: "da-luu"] != nil ? .ok("Đã lưu các chỉnh sửa.") : nil
        return try await renderReview(req, stored: stored, draft: stored.draft, problems: [:], notice: notice, status: .ok)
    }

    static func renderReview(_ req: Request, stored: StoredDraft, draft: PlanDraft, problems: [String: String], notice: Notice?,
                             status: HTTPResponseStatus) async throws -> Response {
        let c = PageContext(req)
        let loaded = try await req.loadedPlan()
        let plans = try await PlanRepository(req.db).plans()
        let names = loaded.directory.agencies.map(\.name) + loaded.directory.collectives.map(\.name)
            + loaded.directory.units.units(at: draft.document.plan.issuedOn).filter { $0.level != .province }.map(\.committeeName)
        let issues = problems.sorted { $0.key < $1.key }.map { "\(PlanDraftForm.label(of: $0.key)): \($0.value)" }
        return Layout.render(c, title: "Duyệt bản nháp số \(stored.id)", status: status,
                             Notice.markup(notice, issues: issues) + View.review(stored: stored, draft: draft, problems: problems, names: names, plans: plans, c))
    }

    /// Saves the reviewer's corrections, or publishes. A refused form shows again with everything typed in it.
    @Sendable static func save(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("draft").flatMap(Int.init), let stored = try await PlanDrafts(req.db).get(id) else {
            throw Abort(.notFound)
        }
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let directory = try await req.loadedPlan().directory
        let outcome = PlanDraftForm.apply(fields, to: stored.draft, directory: directory)
        guard outcome.problems.isEmpty else {
            return try await renderReview(req, stored: stored, draft: outcome.draft, problems: outcome.problems,
                                          notice: .error("Chưa lưu: \(outcome.problems.count) ô cần sửa (tô đỏ)."), status: .badRequest)
        }
        do {
            let app = try await req.appWithPlan(), caller = try req.useCaseCaller()
            if stored.status == .draft { try await ReviewPlanDraft(id: id, draft: outcome.draft).run(app, by: caller) }
            if fields["action"] == "publish" {
                let planId = try await PublishPlanDraft(id: id).run(app, by: caller)
                await req.application.planCache.invalidate()
                return req.redirect(to: .planById(planId), ["da-ban-hanh": "1"])
            }
            return req.redirect(to: .planDraft(String(id)), ["da-luu": "1"])
        } catch let error as AppError {
            return try await renderReview(req, stored: stored, draft: outcome.draft, problems: [:], notice: .error(error.description), status: error.status)
        }
    }

    @Sendable static func plan(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        let id = req.parameters.get("id") ?? ""
        let repository = PlanRepository(req.db)
        guard let document = try await repository.document(id: id) else {
            return Layout.render(c, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Không có kế hoạch mã \(id).")])
        }
        let family = PlanFamily(req.db)
        let summaries = try await repository.plans()
        let summary = summaries.first { $0.id == id }
        let model = View.PlanModel(document: document, summary: summary,
                                   parent: summary?.parentId.flatMap { p in summaries.first { $0.id == p } },
                                   children: summaries.filter { $0.parentId == id }, versions: try await family.versions(of: id),
                                   implements: try await family.implements(id))
        let notice: Notice? = req.query[String.self, at: "da-ban-hanh"] != nil ? .ok("Đã ban hành kế hoạch.") : nil
        return Layout.render(c, title: "\(document.plan.documentType) \(document.plan.number)", Notice.markup(notice, issues: []) + View.plan(model, c))
    }
}
