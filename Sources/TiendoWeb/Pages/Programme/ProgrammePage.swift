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
        return Layout.render(context, title: context.t("Chương trình qua các năm"), View.body(Model.query(years), context))
    }
}
