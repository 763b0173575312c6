import TiendoCore
import TiendoStore
import Vapor

/// Kế hoạch: the document rebuilt from the data in its own order, with links to each task.
enum PlanPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let model = Model.query(try await PlanData.load(req), plans: try await PlanRepository(req.db).plans())
        return Layout.render(context, title: model.title, View.body(model, context))
    }
}
