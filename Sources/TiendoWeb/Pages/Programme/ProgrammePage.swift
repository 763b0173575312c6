import TiendoApp
import TiendoCore
import TiendoStore
import Vapor

/// Chương trình: each indicator of the programme as a series by year, from every year's provincial plan.
enum ProgrammePage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let cache = req.application.planCache
        let head = try await req.auditHead()
        var years: [PlanData] = []
        // Each year's provincial plan (a district's or agency's own plan is under one of them).
        for summary in try await cache.plans(req.db, head: head) where summary.parentId == nil {
            years.append(try await PlanData.load(req.db, cache: cache, plan: try await cache.loaded(req.db, id: summary.id), head: head))
        }
        let unit = try req.query[String.self, at: Model.unitParameter].flatMap(\.nilIfEmpty).map { try FreeText.check($0, field: Model.unitParameter, maxLength: 20) }
        let map = try req.pageDate(IndicatorPage.Model.mapParameter) ?? req.application.today
        var model = try Model.query(years, unit: unit, map: map, shares: try await MapChanges(req.db).shares())
        model.mayBuildReview = context.principal.map { Policy.can($0, .buildReport(nil)) } ?? false
        return Layout.render(context, title: context.t("Chương trình qua các năm"), View.body(model, context))
    }

    /// The review report of the years shown ("sơ kết" or "tổng kết"), as DOCX or its XLSX annex by year; Ban Dân tộc's.
    @Sendable static func review(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.programme.path) }
        let query = try QueryParameters(req, allowed: ["loai", "dinh-dang", "tu", "den"])
        guard let kind = ProgrammeReview.Kind(rawValue: try query.text("loai") ?? ProgrammeReview.Kind.midTerm.rawValue) else {
            throw AppError.invalid("Tham số \"loai\" là so-ket hoặc tong-ket.")
        }
        let format = try query.text("dinh-dang") ?? "docx"
        guard let chosen = BuildReport.Format(rawValue: format) else { throw AppError.invalid("Tham số \"dinh-dang\" là docx hoặc xlsx.") }
        let built = try await BuildProgrammeReview(kind: kind, from: try query.year("tu"), to: try query.year("den"), format: chosen)
            .run(req.app(), by: Caller(principal: principal, address: req.clientAddress), today: req.application.today)
        return Download.attachment(built.bytes, filename: built.filename, type: chosen == .docx ? Download.docx : Download.xlsx)
    }
}
