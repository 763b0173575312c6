import Foundation
import TiendoCore
import TiendoStore
import Vapor

/// Công trình: one investment work, with its decisions, the capital allocated to it and the tasks that name it. A
/// figure nobody entered says so; none is invented.
enum WorkPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let code = req.parameters.get("code") ?? ""
        let book = CapitalBook(req.db)
        guard let work = try await book.works().first(where: { $0.code == code }) else {
            return Layout.render(context, title: context.t("Không tìm thấy trang."), status: .notFound,
                                 [el("p", [], text: "Không có công trình mã \"\(code.clipped(to: 40))\".")])
        }
        let allocations = try await book.events().filter { $0.kind == .allocate && $0.target == work.code }
        return Layout.render(context, title: work.name, body(work, allocations: allocations, context))
    }

    static func body(_ w: InvestmentWork, allocations: [CapitalEvent], _ c: PageContext) -> [Markup] {
        let none = c.t("chưa có số liệu")
        let decision: (CapitalDecision?) -> String = { $0?.vietnamese ?? none }
        let date: (CivilDate?) -> String = { $0?.vietnamese ?? none }
        return [
            el("dl", [("class", "facts")], [
                el("dt", [], text: c.t("Mã")), el("dd", [], text: w.code),
                el("dt", [], text: c.t("Nhiệm vụ")), el("dd", [], w.taskCodes.map { link(SiteURL.task(code: $0).path, $0) }),
                el("dt", [], text: c.t("Dự án")), el("dd", [], text: w.project.map { "Dự án \($0)" } ?? none),
                el("dt", [], text: c.t("Chủ đầu tư")), el("dd", [], text: w.investor?.key ?? none),
                el("dt", [], text: c.t("Chủ trương đầu tư")), el("dd", [], text: decision(w.policyDecision)),
                el("dt", [], text: c.t("Phê duyệt dự án")), el("dd", [], text: decision(w.approvalDecision)),
                el("dt", [], text: c.t("Tổng mức đầu tư")), el("dd", [], text: w.totalInvestment?.vietnamese ?? none),
                el("dt", [], text: c.t("Khởi công (kế hoạch / thực tế)")), el("dd", [], text: "\(date(w.plannedStart)) / \(date(w.actualStart))"),
                el("dt", [], text: c.t("Hoàn thành (kế hoạch / thực tế)")), el("dd", [], text: "\(date(w.plannedFinish)) / \(date(w.actualFinish))"),
                el("dt", [], text: c.t("Tình trạng")), el("dd", [], text: w.status?.vietnamese ?? none),
            ]),
            el("h2", [("id", "von")], text: c.t("Vốn phân bổ cho công trình")),
            allocations.isEmpty ? el("p", [("class", "muted")], text: c.t("Chưa có quyết định phân bổ vốn cho công trình này."))
                : table(caption: c.t("Vốn phân bổ cho công trình"), headers: [c.t("Dòng vốn"), c.t("Số tiền"), c.t("Quyết định")],
                        rows: allocations.map { [.text($0.lineId), .text($0.amount.vietnamese), .text($0.decision.vietnamese)] }),
            el("p", [], [link(SiteURL.capital.path, c.t("Về trang Nguồn vốn"))]),
        ]
    }
}
