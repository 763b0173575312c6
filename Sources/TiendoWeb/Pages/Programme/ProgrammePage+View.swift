import Foundation
import TiendoCore

extension ProgrammePage {
    /// One chart and one table per indicator: the years across, the target and the approved figure each year.
    enum View {
        static func body(_ m: Model, _ c: PageContext) -> [Markup] {
            let unitName = m.choice.map { "\($0.unit.name) (\(c.t("theo bản đồ ngày")) \($0.map.vietnamese))" }
            var body: [Markup] = [
                el("p", [], text: c.t("Mỗi chỉ tiêu của Chương trình theo năm: mục tiêu của kế hoạch năm đó và giá trị cấp tỉnh từ số liệu đã duyệt. Giá trị cấp tỉnh không đổi theo bản đồ hành chính. Chọn một đơn vị để xem số liệu của đơn vị đó qua các năm, đọc theo bản đồ của ngày đã chọn.")),
                el("form", [("method", "get"), ("action", SiteURL.programme.bare), ("class", "filters")], [
                    select(c.t("Bản đồ hành chính ngày"), name: IndicatorPage.Model.mapParameter,
                           options: m.maps.map { ($0.iso, $0.vietnamese) } + (m.map.map { d in m.maps.contains(d) ? [] : [(d.iso, d.vietnamese)] } ?? []),
                           selected: m.map?.iso),
                    select(c.t("Đơn vị"), name: Model.unitParameter,
                           options: [("", c.t("Toàn tỉnh"))] + m.mapUnits.map { ($0.code, "\($0.name) (\($0.code))") }, selected: m.choice?.unit.code ?? ""),
                    el("button", [("type", "submit")], text: c.t("Xem")),
                ]),
                el("p", [], [.text(c.t("Kế hoạch") + ": ")] + m.plans.map { p in
                    link(SiteURL.plan.bare + "?\(PlanChoiceMiddleware.pageParameter)=\(Format.segment(p.id))", "\(p.number) (\(p.year))")
                }.interleaved(with: .text(", "))),
            ]
            if m.mayBuildReview {
                let years = m.plans.map(\.year)
                let span = years.isEmpty ? "" : " \(years.min()!)-\(years.max()!)"
                body.append(el("p", [], [.text(c.t("Báo cáo") + span + ": ")] + [
                    link(SiteURL.programmeReview.with(["loai": "so-ket", "dinh-dang": "docx"]), c.t("Sơ kết (Word)")),
                    link(SiteURL.programmeReview.with(["loai": "tong-ket", "dinh-dang": "docx"]), c.t("Tổng kết (Word)")),
                    link(SiteURL.programmeReview.with(["loai": "so-ket", "dinh-dang": "xlsx"]), c.t("Phụ lục theo năm (Excel)")),
                ].interleaved(with: .text(" · "))))
            }
            for (index, series) in m.series.enumerated() {
                body.append(el("h2", [("id", "cs-\(index + 1)")], text: "\(series.name) (\(series.unit))"))
                body.append(chart(series, id: "cs-\(index + 1)-title", unit: m.choice != nil, c))
                body.append(el("p", [("class", "muted")], text: m.choice == nil
                               ? c.t("Cột: giá trị cấp tỉnh (cột xám: năm gốc kế hoạch nêu); vạch đứt: mục tiêu của năm.")
                               : c.t("Cột: giá trị của") + " \(unitName ?? ""); " + c.t("vạch đứt: mục tiêu cấp tỉnh của năm.")))
                let unitHeader: [String] = unitName.map { [c.t("Giá trị của") + " " + $0] } ?? []
                body.append(table(caption: series.name, headers: [c.t("Năm"), c.t("Mục tiêu"), c.t("Giá trị cấp tỉnh")] + unitHeader + [c.t("Kế hoạch")],
                                  rows: series.points.map { p in
                    let unitCell: [Markup] = m.choice == nil ? [] : [unitFigure(p, c)]
                    return [.text(String(p.year)),
                     .text(p.target.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese)" } ?? (p.isBaseline ? c.t("(năm gốc)") : "—")),
                     .text(p.value.map { ExactNumber($0).vietnamese + (p.isBaseline ? " (\(c.t("theo kế hoạch năm sau")))" : "")
                         + (p.coverage.map { " (\($0.vietnamese))" } ?? "") } ?? c.t("chưa có số liệu"))] + unitCell + [
                     p.planId.map { id in link(SiteURL.plan.bare + "?\(PlanChoiceMiddleware.pageParameter)=\(Format.segment(id))", p.planNumber ?? id) } ?? .text("—")]
                }))
            }
            return body
        }

        /// The chosen unit's figure of a year: exact, or an estimate naming its shares, and a note when part of its
        /// territory reported under a split unit whose figure stays apart.
        static func unitFigure(_ p: Model.Point, _ c: PageContext) -> Markup {
            var parts: [Markup] = [.text(p.unitValue.map { ExactNumber($0).vietnamese } ?? (p.isBaseline ? "—" : c.t("chưa có số liệu")))]
            if !p.unitShares.isEmpty {
                parts += [.text(" "), el("span", [("class", "badge s-estimate")], text: c.t("ước tính")),
                          .text(" (" + c.t("tỷ lệ") + " " + p.unitShares.map { "\($0.numerator)/\($0.denominator), \($0.source)" }.uniqued().joined(separator: "; ") + ")")]
            }
            if p.unitApart { parts.append(.text("; " + c.t("một phần số liệu của đơn vị bị chia tách không phân bổ được"))) }
            return el("span", [], parts)
        }

        /// Bars for the values (the chosen unit's when there is one), a tick for each year's target; the table under
        /// it carries the same figures.
        static func chart(_ s: Model.Series, id: String, unit: Bool, _ c: PageContext) -> Markup {
            let width = 640, height = 180, left = 40, bottom = 24
            let shown: (Model.Point) -> Decimal? = { unit ? $0.unitValue : $0.value }
            let numbers = s.points.flatMap { [shown($0), $0.target?.targetValue.decimal].compactMap { $0 } }
            let top = max(1, numbers.map { NSDecimalNumber(decimal: $0).doubleValue }.max() ?? 1)
            let step = s.points.isEmpty ? width : (width - left) / s.points.count
            func y(_ value: Decimal) -> Int { height - bottom - Int(NSDecimalNumber(decimal: value).doubleValue / top * Double(height - bottom - 26)) }
            var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
            svg += "<title id=\"\(id)\">\(Escape.text(s.name + ": " + c.t("giá trị và mục tiêu theo năm")))</title>"
            for (i, p) in s.points.enumerated() {
                let x = left + i * step + step / 4
                if let value = shown(p) {
                    svg += "<rect x=\"\(x)\" y=\"\(y(value))\" width=\"\(step / 2)\" height=\"\(height - bottom - y(value))\" class=\"\(p.isBaseline ? "not_started" : p.unitShares.isEmpty ? "done" : "in_progress")\"/>"
                    svg += "<text x=\"\(x)\" y=\"\(y(value) - 3)\" class=\"chart-value\">\(Escape.text(ExactNumber(value).vietnamese))</text>"
                }
                if let target = p.target?.targetValue.decimal {
                    svg += "<line x1=\"\(x - 6)\" x2=\"\(x + step / 2 + 6)\" y1=\"\(y(target))\" y2=\"\(y(target))\" class=\"chart-target\"/>"
                }
                svg += "<text x=\"\(x)\" y=\"\(height - 6)\" class=\"chart-label\">\(p.year)</text>"
            }
            return .raw(svg + "</svg>")
        }
    }
}
