import TiendoCore

extension IndicatorsPage {
    /// Renders the indicators' table: definition, baseline, target, scope, wording and value.
    enum View {
        static func body(_ model: Model, _ c: PageContext) -> [Markup] {
            let rows: [Markup] = model.indicators.map { i, figure in
                el("tr", [("id", i.code)], [
                    el("td", [], text: i.code), el("td", [], text: i.name), el("td", [], text: i.unit),
                    el("td", [], text: i.baseline.map { "\($0.value.vietnamese) (\($0.year))" } ?? "—"),
                    el("td", [], [.text(i.readings.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese) (\($0.sourceClause))" }.joined(separator: "; "))]
                        + (i.inconsistency != nil ? [el("br"), el("a", [("href", SiteURL.plan.path + "#khong-thong-nhat")], text: "chưa thống nhất")] : [])),
                    el("td", [], text: i.dueOn.vietnamese), el("td", [], text: i.scope.joined(separator: ", ")),
                    el("td", [], text: i.quote ?? "—"),
                    el("td", [], figure.map { figure in
                        [.text(figure.text + " "), figure.badge(c.language), el("br"),
                         el("small", [], text: figure.assessment.reason)]
                    } ?? [el("span", [("class", "badge s-nodata")], text: c.t("chưa có số liệu"))]),
                ])
            }
            return [el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
                el("caption", text: c.t("Chỉ tiêu")),
                el("thead", [], [el("tr", [], [c.t("Mã"), c.t("Chỉ tiêu"), c.t("Đơn vị tính"), c.t("Cơ sở"), c.t("Mục tiêu"), c.t("Hạn"),
                                               c.t("Phạm vi"), c.t("Định nghĩa"), c.t("Giá trị mới nhất")].map { el("th", [("scope", "col")], text: $0) })]),
                el("tbody", [], rows),
            ])])]
        }
    }
}
