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
        let reports = try await book.progress().filter { $0.workCode == work.code }
        let directory = try await req.loadedPlan().directory
        let today = req.application.today
        return Layout.render(context, title: work.name, body(work, investor: work.investor?.name(in: directory, on: today), allocations: allocations,
                                                             reports: reports, today: today, context))
    }

    static func body(_ w: InvestmentWork, investor: String?, allocations: [CapitalEvent], reports: [WorkProgress], today: CivilDate,
                     _ c: PageContext) -> [Markup] {
        let none = c.t("chưa có số liệu")
        let decision: (CapitalDecision?) -> String = { $0?.vietnamese ?? none }
        let date: (CivilDate?) -> String = { $0?.vietnamese ?? none }
        return [
            el("dl", [("class", "facts")], [
                el("dt", [], text: c.t("Mã")), el("dd", [], text: w.code),
                el("dt", [], text: c.t("Nhiệm vụ")), el("dd", [], w.taskCodes.map { link(SiteURL.task(code: $0).path, $0) }),
                el("dt", [], text: c.t("Dự án")), el("dd", [], text: w.project.map { "Dự án \($0)" } ?? none),
                el("dt", [], text: c.t("Chủ đầu tư")), el("dd", [], text: investor ?? none),
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
            el("h2", [("id", "tien-do")], text: c.t("Tiến độ hằng tháng")),
            el("p", [("class", "muted")], text: c.t("Chủ đầu tư báo cáo trước ngày 25 hằng tháng.") + (w.followUp(reports, today: today).map { " " + c.t("Cần đôn đốc") + ": " + $0 + "." } ?? "")),
        ] + (reports.isEmpty ? [el("p", [("class", "muted")], text: c.t("Chưa có báo cáo tiến độ."))] : [
            chart(reports, c),
            table(caption: c.t("Tiến độ hằng tháng"), headers: [c.t("Tháng"), c.t("Tiến độ"), c.t("Khối lượng trong tháng"), c.t("Giải ngân trong tháng"), c.t("Mặt bằng (ha)"), c.t("Khó khăn")],
                  rows: reports.map { r in
                [.text("\(r.month.month)/\(r.month.year)"), .text("\(r.physicalPercent) %"), .text(r.valueDone.vietnamese), .text(r.disbursed.vietnamese),
                 .text(r.landCleared.map { "\($0.vietnamese)" + (r.landNeeded.map { "/\($0.vietnamese)" } ?? "") } ?? "—"), .text(r.causes ?? "")]
            }),
        ]) + [el("p", [], [link(SiteURL.capital.path, c.t("Về trang Nguồn vốn"))])]
    }

    /// Physical progress month by month, 0…100 %; the table under it has the same figures.
    static func chart(_ reports: [WorkProgress], _ c: PageContext) -> Markup {
        let width = 640, height = 160, left = 30, bottom = 22
        let step = max(1, (width - left) / max(1, reports.count))
        func y(_ percent: Int) -> Int { height - bottom - percent * (height - bottom - 10) / 100 }
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"tien-do-title\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"tien-do-title\">\(Escape.text(c.t("Tiến độ thực hiện theo tháng")))</title>"
        let points = reports.enumerated().map { i, r in "\(left + i * step + step / 2),\(y(r.physicalPercent))" }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" class=\"chart-target\" fill=\"none\"/>"
        for (i, r) in reports.enumerated() {
            let x = left + i * step + step / 2
            svg += "<circle cx=\"\(x)\" cy=\"\(y(r.physicalPercent))\" r=\"3\" class=\"done\"/>"
            svg += "<text x=\"\(x - 8)\" y=\"\(y(r.physicalPercent) - 6)\" class=\"chart-value\">\(r.physicalPercent)</text>"
            svg += "<text x=\"\(x - 12)\" y=\"\(height - 6)\" class=\"chart-label\">\(r.month.month)/\(r.month.year % 100)</text>"
        }
        return .raw(svg + "</svg>")
    }
}
