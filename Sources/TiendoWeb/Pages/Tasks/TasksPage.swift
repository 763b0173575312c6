import TiendoCore
import Vapor

/// Nhiệm vụ: every task with filters in the query string, so a filtered list is a link to share.
enum TasksPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let model = try Model.query(try await PlanData.load(req), filters: Filters(req))
        return Layout.render(context, title: context.t("Nhiệm vụ"), View.body(model, context))
    }
}

extension TasksPage.Filters {
    init(_ req: Request) {
        func value(_ name: String) -> String? {
            req.query[String.self, at: name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        self.init(agency: value("co-quan"), district: value("huyen"), group: value("nhom"),
                  status: value("tinh-trang").flatMap(TaskStatus.init(rawValue:)),
                  dueBy: value("han-den").flatMap(CivilDate.init(iso:)), sort: value("sap-xep") ?? "ma")
    }
}
