import TiendoCore
import Vapor

/// Tổng quan: targets and indicators, tasks by status per group, report deadlines, districts side by side.
enum HomePage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let model = Model.query(try await PlanData.load(req))
        return Layout.render(context, title: context.t("Tổng quan") + " — " + model.planNumber, View.body(model, context))
    }
}
