import TiendoCore
import Vapor

/// Chỉ tiêu: every indicator with its definition, baseline, target and values once they exist.
enum IndicatorsPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let model = Model.query(try await PlanData.load(req))
        return Layout.render(context, title: context.t("Chỉ tiêu"), View.body(model, context))
    }
}
