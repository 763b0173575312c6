import Foundation
import TiendoCore
import TiendoStore
import Vapor

/// Việc của tôi: the signed-in officer's own work first (`MyWork`); every item links to the page where it is done.
/// The same list is `GET /api/v1/me/work`.
enum MyWorkPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        guard let principal = c.principal else { return req.redirectToSignIn() }
        let work = try await query(req, principal: principal)
        return Layout.render(c, title: c.t("Việc của tôi"), View.body(work, c))
    }

    /// The query behind the page and the API, testable without HTTP through `MyWork.make`.
    static func query(_ req: Request, principal: Principal) async throws -> MyWork {
        let data = try await PlanData.load(req, for: .reporting)
        let reasons = try await DataEntry(req.db, plan: try await req.loadedPlan()).returnReasons(planId: data.plan.id)
        return try MyWork.make(for: principal, plan: data.plan, directory: data.directory, updates: data.updates, states: data.states,
                               completeness: data.completeness, communeCompleteness: data.communeCompleteness, reasons: reasons,
                               today: req.application.today)
    }

    @Sendable static func api(_ req: Request) async throws -> Response {
        try JSONResponse.make(try await query(req, principal: try req.principal()))
    }

    enum View {
        static func days(_ item: MyWork.ReportItem, _ c: PageContext) -> String {
            item.daysLeft > 0 ? "\(c.t("còn")) \(item.daysLeft) \(c.t("ngày"))"
                : item.daysLeft == 0 ? c.t("hạn hôm nay") : "\(c.t("quá hạn")) \(-item.daysLeft) \(c.t("ngày"))"
        }

        /// Where the report is done: its figures; the plan import for a plan to publish; else the obligation's reports.
        static func figures(_ item: MyWork.ReportItem) -> String {
            item.figures ? SiteURL.reporterFigures(obligation: item.obligation, reporter: item.reporter).with(["ky": item.period])
                : item.plan ? SiteURL.planImport.path : SiteURL.reportObligation(item.obligation).path
        }

        /// One line per kind of work, for the top of the overview.
        static func summary(_ w: MyWork, _ c: PageContext) -> Markup {
            let overdue = w.tasks.filter { $0.status == .overdue }.count
            var parts: [String] = []
            if overdue > 0 { parts.append("\(overdue) \(c.t("nhiệm vụ quá hạn"))") }
            if !w.reportsDue.isEmpty { parts.append("\(w.reportsDue.count) \(c.t("báo cáo phải gửi"))") }
            if !w.returned.isEmpty { parts.append("\(w.returned.count) \(c.t("báo cáo bị trả lại"))") }
            if !w.toApprove.isEmpty { parts.append("\(w.toApprove.count) \(c.t("báo cáo chờ duyệt"))") }
            if !w.late.isEmpty { parts.append("\(w.late.count) \(c.t("đơn vị chậm báo cáo"))") }
            return el("p", [("class", "notice")], [
                el("strong", [], text: c.t("Việc của tôi") + ": "),
                .text(parts.isEmpty ? c.t("không có việc đến hạn.") + " " : parts.joined(separator: "; ") + ". "),
                link(SiteURL.myWork.path, c.t("Xem và làm")),
            ])
        }

        static func body(_ w: MyWork, _ c: PageContext) -> [Markup] {
            var body: [Markup] = []
            if w.isEmpty { body.append(el("p", [], text: c.t("Tài khoản này không có nhiệm vụ, báo cáo hay việc duyệt nào."))) }
            if !w.returned.isEmpty {
                body.append(el("h2", [("id", "tra-lai")], text: c.t("Số liệu bị trả lại")))
                body.append(table(caption: c.t("Số liệu bị trả lại"), headers: [c.t("Báo cáo"), c.t("Đơn vị"), c.t("Lý do"), c.t("Hạn")], rows: w.returned.map { r in
                    [link(figures(r), r.title), .text(r.reporterName), .text(r.reason ?? "—"), .text("\(r.due.vietnamese) (\(days(r, c)))")]
                }))
            }
            if !w.reportsDue.isEmpty {
                body.append(el("h2", [("id", "bao-cao")], text: c.t("Báo cáo phải gửi")))
                body.append(table(caption: c.t("Báo cáo phải gửi"), headers: [c.t("Báo cáo"), c.t("Đơn vị"), c.t("Hạn"), c.t("Tình trạng")], rows: w.reportsDue.map { r in
                    [link(figures(r), r.title), .text(r.reporterName), .text("\(r.due.vietnamese) (\(days(r, c)))"), .text(r.figures ? r.state?.vietnamese ?? c.t("chưa nhập") : c.t("lập từ số liệu đã duyệt"))]
                }))
            }
            if !w.toApprove.isEmpty {
                body.append(el("h2", [("id", "cho-duyet")], text: c.t("Chờ tôi duyệt")))
                body.append(table(caption: c.t("Chờ tôi duyệt"), headers: [c.t("Báo cáo"), c.t("Đơn vị gửi"), c.t("Hạn")], rows: w.toApprove.map { r in
                    [link(figures(r), r.title), .text(r.reporterName), .text(r.due.vietnamese)]
                }))
            }
            if !w.late.isEmpty {
                body.append(el("h2", [("id", "cham")], text: c.t("Đơn vị chậm báo cáo")))
                body.append(table(caption: c.t("Đơn vị chậm báo cáo"), headers: [c.t("Báo cáo"), c.t("Đơn vị"), c.t("Chậm")], rows: w.late.map { r in
                    [link(figures(r), r.title), .text(r.reporterName), .text("\(-r.daysLeft) \(c.t("ngày")) (\(c.t("hạn")) \(r.due.vietnamese))")]
                }))
            }
            if !w.tasks.isEmpty {
                body.append(el("h2", [("id", "nhiem-vu")], text: c.t("Nhiệm vụ của tôi")))
                body.append(table(caption: c.t("Nhiệm vụ của tôi"), headers: [c.t("Nhiệm vụ"), c.t("Vai trò"), c.t("Tình trạng"), c.t("Hạn"), c.t("Cập nhật gần nhất")],
                                  rows: w.tasks.map { t in
                    [el("span", [], [link(SiteURL.task(code: t.code).path, t.code), .text(" " + t.text)]), .text(c.t(t.role)), .text(t.status.vietnamese),
                     .text(t.deadline?.vietnamese ?? "—"), .text(t.lastUpdate ?? c.t("chưa có cập nhật"))]
                }))
            }
            return body
        }
    }
}
