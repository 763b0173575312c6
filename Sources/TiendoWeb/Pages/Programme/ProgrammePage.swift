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
        let asked = try req.query[String.self, at: IndicatorPage.Model.mapParameter].flatMap(\.nilIfEmpty)
            .map { try FreeText.check($0, field: IndicatorPage.Model.mapParameter, maxLength: 40) }
        guard asked == nil || asked.flatMap(CivilDate.init(iso:)) != nil else {
            throw AppError.invalid("Tham số \"\(IndicatorPage.Model.mapParameter)\": \"\(asked ?? "")\" không phải ngày (dạng 2025-07-01).")
        }
        let map = asked.flatMap(CivilDate.init(iso:)) ?? req.application.today
        let model = try Model.query(years, unit: unit, map: map, shares: try await MapChanges(req.db).shares())
        return Layout.render(context, title: context.t("Chương trình qua các năm"), View.body(model, context))
    }
}
