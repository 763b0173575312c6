import TiendoCore
import TiendoStore
import Vapor

/// Nguồn vốn: how much was assigned, allocated and disbursed by a cut-off date (`?ngay=2024-06-30`), and the works.
enum CapitalPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let asOf = try req.pageDate(Model.dateParameter) ?? req.application.today
        let book = CapitalBook(req.db)
        let years = try await book.years()
        // Unless asked: the cut-off's year, or the latest year with capital before it.
        let year = try req.pageYear(Model.yearParameter) ?? (years.contains(asOf.year) ? asOf.year : years.last { $0 <= asOf.year } ?? asOf.year)
        let directory = try await req.loadedPlan().directory
        var model = try Model.query(try await book.funnel(asOf: asOf, year: year), works: try await book.works()) { $0.name(in: directory, on: asOf) }
        (model.year, model.years) = (year, years)
        let reports = Dictionary(grouping: try await book.progress(), by: \.workCode)
        model.followUps = model.works.compactMap { w in w.followUp(reports[w.code] ?? [], today: req.application.today).map { (w, $0) } }
        let ids = Set(model.funnel.lines.map(\.line.id))
        model.gaps = CapitalReconciliation.differences(try await book.disbursements().filter { ids.contains($0.lineId) }, asOf: asOf)
        return Layout.render(context, title: context.t("Nguồn vốn"), View.body(model, context))
    }
}
