import Foundation
import TiendoCore

extension CapitalPage {
    /// The funnel as officials write it ("381.822/981.947 triệu đồng (38,88 %)"), as bars and as tables.
    enum View {
        static func body(_ m: Model, _ c: PageContext) -> [Markup] {
            var body: [Markup] = [
                el("form", [("method", "get"), ("action", SiteURL.capital.bare), ("class", "filters")], [
                    select(c.t("Vốn kế hoạch năm"), name: Model.yearParameter, options: (m.years.contains(m.year) ? m.years : m.years + [m.year]).map { (String($0), String($0)) },
                           selected: String(m.year)),
                    field(c.t("Số liệu đến ngày"), name: Model.dateParameter, type: "date", value: m.asOf.iso),
                    el("button", [("type", "submit")], text: c.t("Xem")),
                ]),
            ]
            if c.principal != nil {
                body.append(el("p", [], [link(SiteURL.capitalEntry.path, c.t("Nhập số liệu vốn: giải ngân tháng, quyết định, tệp Excel"), class: "button")]))
            }
            guard !m.funnel.lines.isEmpty else {
                return body + [el("p", [("class", "muted")], text: c.t("Chưa có dòng vốn nào. Ban Dân tộc hoặc cán bộ tài chính mở dòng vốn và ghi quyết định giao vốn (trang Nhập số liệu vốn, hoặc tiendo money line, tiendo money decide)."))]
                    + works(m, c)
            }
            body.append(el("p", [("class", "lead")], text: "\(c.t("Giải ngân đến ngày")) \(m.asOf.vietnamese): \(m.total.rate.vietnamese); "
                            + "\(c.t("đã phân bổ chi tiết")) \(m.total.allocation.vietnamese)"
                            + (m.total.lapsed.value > 0 ? "; \(c.t("quá hạn giải ngân")) \(m.total.lapsed.millions()) \(c.t("triệu đồng"))" : "") + ". "
                         + c.t("Tháng nào có cả số chủ đầu tư báo cáo và số liệu tài chính thì tính theo số liệu tài chính.")))
            body.append(el("h2", [("id", "theo-du-an")], text: c.t("Theo dự án")))
            body.append(chart(m.byProject, id: "von-du-an", c))
            body.append(funnelTable(m.byProject, caption: c.t("Theo dự án"), first: c.t("Dự án"), c))
            body.append(el("h2", [("id", "theo-nguon")], text: c.t("Theo nguồn vốn")))
            body.append(funnelTable(m.bySource, caption: c.t("Theo nguồn vốn"), first: c.t("Nguồn vốn"), c))
            body.append(el("h2", [("id", "theo-loai")], text: c.t("Theo loại vốn")))
            body.append(funnelTable(m.byType, caption: c.t("Theo loại vốn"), first: c.t("Loại vốn"), c))
            body.append(el("h2", [("id", "chu-dau-tu")], text: c.t("Chủ đầu tư theo tỷ lệ giải ngân")))
            body.append(el("p", [("class", "muted")], text: c.t("Từ tỷ lệ thấp nhất: cần đôn đốc trước.")))
            body.append(funnelTable(m.holders, caption: c.t("Chủ đầu tư theo tỷ lệ giải ngân"), first: c.t("Chủ đầu tư"), c))
            body.append(el("h2", [("id", "dong-von")], text: c.t("Từng dòng vốn và các quyết định")))
            body.append(table(caption: c.t("Từng dòng vốn và các quyết định"),
                              headers: [c.t("Dòng vốn"), c.t("Kế hoạch hiện hành"), c.t("Giải ngân/kế hoạch"), c.t("Hạn giải ngân"), c.t("Quyết định")],
                              rows: m.funnel.lines.map { f in
                [el("span", [], [el("strong", [], text: f.line.id), .text(" — \(f.line.year) · \(f.line.projectName) · \(f.line.capitalType.vietnamese) · \(f.line.origin.vietnamese)")]),
                 .text(f.plan.millions()), .text(f.rate.vietnamese),
                 .text(f.due.vietnamese + (f.lapsed.value > 0 ? " (\(c.t("quá hạn")) \(f.lapsed.millions()))" : "")),
                 .text(f.events.map { "\($0.kind.vietnamese) \($0.amount.millions()) — \($0.decision.vietnamese)" + ($0.target.map { " → \($0)" } ?? "") }.joined(separator: "; "))]
            }))
            body.append(el("h2", [("id", "doi-chieu")], text: c.t("Đối chiếu giải ngân")))
            body.append(m.gaps.isEmpty ? el("p", [], text: c.t("Số chủ đầu tư báo cáo khớp với số liệu tài chính ở mọi tháng có cả hai."))
                : table(caption: c.t("Đối chiếu giải ngân"), headers: [c.t("Dòng vốn"), c.t("Tháng"), c.t("Chủ đầu tư báo cáo (lũy kế)"), c.t("Số liệu tài chính (lũy kế)"), c.t("Kết quả")],
                        rows: m.gaps.map { g in
                    [.text(g.lineId), .text("\(g.month.month)/\(g.month.year)"),
                     .text(g.holder.map { "\($0.vietnamese) (\(g.holderBy.joined(separator: ", ")))" } ?? "—"),
                     .text(g.finance.map { "\($0.vietnamese) (\(g.financeBy.joined(separator: ", ")))" } ?? "—"), .text(g.vietnamese)]
                }))
            body.append(el("p", [("class", "muted")], text: c.t("Số tiền bằng triệu đồng; tỷ lệ = tổng giải ngân / tổng kế hoạch vốn của các dòng, không lấy trung bình các tỷ lệ. Hạn giải ngân theo") + " " + DisbursementDeadline.standard.basis + "."))
            return body + works(m, c)
        }

        static func funnelTable(_ rows: [(key: String, total: CapitalFunnel.Total)], caption: String, first: String, _ c: PageContext) -> Markup {
            table(caption: caption, headers: [first, c.t("Kế hoạch đầu năm"), c.t("Kế hoạch hiện hành"), c.t("Đã phân bổ"), c.t("Giải ngân/kế hoạch (tỷ lệ)"), c.t("Quá hạn giải ngân")],
                  rows: rows.map { key, t in
                [.text(key), .text(t.startPlan.millions()), .text(t.plan.millions()), .text(t.allocated.millions()), .text(t.rate.vietnamese), .text(t.lapsed.millions())]
            })
        }

        /// For each row a bar of the plan and, inside it, the part disbursed; the table beside it has the same figures.
        static func chart(_ rows: [(key: String, total: CapitalFunnel.Total)], id: String, _ c: PageContext) -> Markup {
            let width = 640, rowHeight = 26, left = 150
            let top = max(1, rows.map { max($0.total.plan.value, $0.total.disbursed.value) }.max() ?? 1)
            func w(_ value: Int) -> Int { Int(Double(value) / Double(top) * Double(width - left - 10)) }
            var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 \(width) \(rows.count * rowHeight + 8)\" xmlns=\"http://www.w3.org/2000/svg\">"
            svg += "<title id=\"\(id)\">\(Escape.text(c.t("Kế hoạch vốn và giải ngân theo dự án")))</title>"
            for (i, row) in rows.enumerated() {
                let y = i * rowHeight + 4
                svg += "<text x=\"0\" y=\"\(y + 15)\" class=\"chart-label\">\(Escape.text(row.key.clipped(to: 22)))</text>"
                svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(w(row.total.plan.value))\" height=\"18\" class=\"not_started\"/>"
                svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(w(row.total.disbursed.value))\" height=\"18\" class=\"done\"/>"
                svg += "<text x=\"\(left + 4)\" y=\"\(y + 14)\" class=\"chart-value\">\(Escape.text(row.total.rate.percentText.map { $0 + " %" } ?? ""))</text>"
            }
            return .raw(svg + "</svg>")
        }

        static func works(_ m: Model, _ c: PageContext) -> [Markup] {
            (m.followUps.isEmpty ? [] : [
                el("h2", [("id", "can-don-doc")], text: c.t("Công trình cần đôn đốc")),
                table(caption: c.t("Công trình cần đôn đốc"), headers: [c.t("Công trình"), c.t("Lý do")],
                      rows: m.followUps.map { [link(SiteURL.work(code: $0.work.code).path, $0.work.name), .text($0.why)] }),
            ]) + [el("h2", [("id", "cong-trinh")], text: c.t("Công trình")),
             m.works.isEmpty ? el("p", [("class", "muted")], text: c.t("Chưa có công trình."))
                 : table(caption: c.t("Công trình"), headers: [c.t("Mã"), c.t("Công trình"), c.t("Nhiệm vụ"), c.t("Tổng mức đầu tư"), c.t("Tình trạng")],
                         rows: m.works.map { w in
                [link(SiteURL.work(code: w.code).path, w.code), .text(w.name),
                 el("span", [], w.taskCodes.map { link(SiteURL.task(code: $0).path, $0) }),
                 .text(w.totalInvestment.map { $0.millions() + " " + c.t("triệu đồng") } ?? c.t("chưa có số liệu")),
                 .text(w.status?.vietnamese ?? c.t("chưa có số liệu"))]
            })]
        }
    }
}
