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
        return render(req, try Model.agency(data, name: name), missing: "Không có cơ quan \"\(name)\".") { model in
            ReportingStatus.own(data, reporter: model.reporter)
        }
    }

    @Sendable static func district(_ req: Request) async throws -> Response {
        let data = try await PlanData.load(req)
        let code = req.parameters.get("code") ?? ""
        return render(req, try Model.district(data, code: code), missing: "Không có đơn vị cấp huyện mã \"\(code)\".") { _ in
            ReportingStatus.own(data, reporter: code) + ReportingStatus.communes(data, district: code)
        }
    }

    /// A unit's page, or 404 saying which unit is `missing`; `reporting` draws its reports.
    static func render(_ req: Request, _ model: Model?, missing: String, reporting: (Model) -> [Markup]) -> Response {
        let context = PageContext(req)
        guard let model else {
            return Layout.render(context, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: missing)])
        }
        return Layout.render(context, title: model.title, View.page(model, reporting: reporting(model), context))
    }
}
