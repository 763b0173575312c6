import Foundation
import TiendoApp
import TiendoCore
import Vapor

/// Báo cáo: for each dated obligation, every reporter's draft (and Ban Dân tộc's consolidated report) to download as
/// DOCX or XLSX, built from the data at the moment of download; building is recorded in the audit log.
enum ReportPages {
    @Sendable static func index(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard c.principal != nil else { return req.redirectToSignIn(returningTo: SiteURL.reports.path) }
        let obligations = try await PlanData.load(req, for: .reporting).plan.reportObligations.filter { $0.dueOn != nil }
        return Layout.render(c, title: "Báo cáo", View.index(obligations, c))
    }

    @Sendable static func obligation(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let id = req.parameters.get("obligation") ?? ""
        guard let model = try await Model.query(try await PlanData.load(req, for: .reporting), db: req.db, obligation: id, principal: principal) else {
            return Layout.render(c, title: "Không tìm thấy trang.", status: .notFound, [el("p", [], text: "Không có chế độ báo cáo \"\(id)\".")])
        }
        return Layout.render(c, title: model.obligation.name, View.obligation(model, c))
    }

    @Sendable static func download(_ req: Request) async throws -> Response {
        guard let principal = req.caller?.principal else { return req.redirectToSignIn(returningTo: SiteURL.reports.path) }
        let query = try QueryParameters(req, allowed: ["ky", "don-vi", "dinh-dang"])
        let reporter = try query.text("don-vi")
        let format = try query.text("dinh-dang") ?? "docx"
        guard let chosen = BuildReport.Format(rawValue: format) else { throw AppError.invalid("Tham số \"dinh-dang\" là docx hoặc xlsx.") }
        let built = try await BuildReport(obligation: req.parameters.get("obligation") ?? "", reporter: reporter, period: try query.text("ky"),
                                          format: chosen).run(try await req.appWithPlan(for: .reporting), by: Caller(principal: principal, address: req.clientAddress))
        let (bytes, name) = (built.bytes, built.filename)
        return Download.attachment(bytes, filename: name, type: format == "docx" ? Download.docx : Download.xlsx)
    }
}
