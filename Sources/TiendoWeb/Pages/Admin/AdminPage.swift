import TiendoCore
import Vapor

/// Quản trị: users, roles, tokens and the audit log, for admins and Ban Dân tộc.
enum AdminPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn(returningTo: SiteURL.admin.path) }
        guard Policy.can(principal, .readAudit) else {
            return Layout.render(c, title: c.t("Quản trị"), status: .forbidden,
                                 [el("p", [("class", "error")], text: "Chỉ quản trị viên và Ban Dân tộc được xem trang này.")])
        }
        let filters = Model.Filters(entity: req.query[String.self, at: "doi-tuong"].flatMap(AuditEntity.init(rawValue:)),
                                    user: req.query[String.self, at: "nguoi"].flatMap { $0.isEmpty ? nil : $0 },
                                    since: req.query[String.self, at: "tu-ngay"].flatMap(CivilDate.init(iso:)))
        return Layout.render(c, title: c.t("Quản trị"), View.body(try await Model.query(req.db, filters: filters), c))
    }
}
