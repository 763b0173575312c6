import TiendoCore
import TiendoStore
import Vapor

/// One indicator, unit by unit, read in the map of a chosen date (`?ban-do=2025-07-01`).
enum IndicatorPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let code = req.parameters.get("code") ?? ""
        let data = try await PlanData.load(req)
        let asked = try req.query[String.self, at: Model.mapParameter].map { try FreeText.check($0, field: Model.mapParameter, maxLength: 40) }
        let map = asked.flatMap { CivilDate(iso: $0) }
        guard asked == nil || map != nil else {
            return Layout.render(context, title: context.t("Ngày bản đồ không hợp lệ."), status: .badRequest,
                                 [el("p", [], text: "\"\(asked ?? "")\" không phải ngày (dạng 2025-07-01).")])
        }
        guard let model = try Model.query(data, code: code, map: map, shares: try await MapChanges(req.db).shares()) else {
            return Layout.render(context, title: context.t("Không tìm thấy trang."), status: .notFound,
                                 [el("p", [], text: "Không có chỉ tiêu mã \"\(code)\".")])
        }
        return Layout.render(context, title: "\(context.t("Chỉ tiêu")) \(code)", View.body(model, context))
    }
}
