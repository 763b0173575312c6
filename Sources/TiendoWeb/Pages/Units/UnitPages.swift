import TiendoCore
import Vapor

/// Đơn vị: an index of agencies and districts, and a page for each: what it leads, helps with, is late on, must report.
enum UnitPages {
    @Sendable static func index(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let index = Index.query(try await PlanData.load(req))
        return Layout.render(context, title: context.t("Đơn vị"), View.index(index, context))
    }

    @Sendable static func agency(_ req: Request) async throws -> Response {
        let data = try await PlanData.load(req)
        let name = req.parameters.get("name") ?? ""
        guard let model = try Model.agency(data, name: name) else {
            return Layout.render(PageContext(req), title: "Không tìm thấy trang.", status: .notFound,
                                 [el("p", [], text: "Không có cơ quan \"\(name)\".")])
        }
        let context = PageContext(req)
        return Layout.render(context, title: model.title,
                             View.page(model, reporting: ReportingStatus.own(data, reporter: model.reporter), context))
    }

    @Sendable static func district(_ req: Request) async throws -> Response {
        let data = try await PlanData.load(req)
        let code = req.parameters.get("code") ?? ""
        guard let model = try Model.district(data, code: code) else {
            return Layout.render(PageContext(req), title: "Không tìm thấy trang.", status: .notFound,
                                 [el("p", [], text: "Không có đơn vị cấp huyện mã \"\(code)\".")])
        }
        let context = PageContext(req)
        let reporting = ReportingStatus.own(data, reporter: code) + ReportingStatus.communes(data, district: code)
        return Layout.render(context, title: model.title, View.page(model, reporting: reporting, context))
    }
}
