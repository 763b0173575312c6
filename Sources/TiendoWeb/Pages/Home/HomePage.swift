import TiendoCore
import Vapor

/// Tổng quan: targets and indicators, tasks by status per group, report deadlines, districts side by side.
enum HomePage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let model = Model.query(try await PlanData.load(req))
        var body = View.body(model, context)
        // A signed-in officer sees its own work first.
        if let principal = context.principal {
            body.insert(MyWorkPage.View.summary(try await MyWorkPage.query(req, principal: principal), context), at: 0)
        }
        return Layout.render(context, title: context.t("Tổng quan") + " — " + model.planNumber, body)
    }
}
