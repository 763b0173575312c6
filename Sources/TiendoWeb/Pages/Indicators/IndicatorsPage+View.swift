import TiendoCore

extension IndicatorsPage {
    /// Renders the indicators' table: definition, baseline, target, scope, wording and value.
    enum View {
        static func body(_ model: Model, _ c: PageContext) -> [Markup] {
            let headers = [c.t("Mã"), c.t("Chỉ tiêu"), c.t("Đơn vị tính"), c.t("Cơ sở"), c.t("Mục tiêu"), c.t("Hạn"),
                           c.t("Phạm vi"), c.t("Định nghĩa"), c.t("Giá trị mới nhất")]
            // Each cell labelled and its content in one block, so that on a phone a row reads as a full-width card.
            func cell(_ column: Int, _ content: [Markup]) -> Markup {
                el("td", [("data-label", headers[column])], [el("div", [], content)])
            }
            let rows: [Markup] = model.indicators.map { i, figure in
                el("tr", [("id", i.code)], [
                    cell(0, [link(SiteURL.indicator(code: i.code).path, i.code)]), cell(1, [.text(i.name)]), cell(2, [.text(i.unit)]),
                    cell(3, [.text(i.baseline.map { "\($0.value.vietnamese) (\($0.year))" } ?? "—")]),
                    cell(4, [.text(i.readings.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese) (\($0.sourceClause))" }.joined(separator: "; "))]
                        + (i.inconsistency != nil ? [el("br"), el("a", [("href", SiteURL.plan.path + "#khong-thong-nhat")], text: "chưa thống nhất")] : [])),
                    cell(5, [.text(i.dueOn.vietnamese)]), cell(6, [.text(i.scope.joined(separator: ", "))]),
                    cell(7, [.text(i.quote ?? "—")]),
                    cell(8, figure.map { figure in
                        [.text(figure.text + " "), figure.badge(c.language), el("br"),
                         el("small", [], text: figure.assessment.reason)]
                    } ?? [el("span", [("class", "badge s-nodata")], text: c.t("chưa có số liệu"))]),
                ])
            }
            return [el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
                el("caption", text: c.t("Chỉ tiêu")),
                el("thead", [], [el("tr", [], headers.map { el("th", [("scope", "col")], text: $0) })]),
                el("tbody", [], rows),
            ])])]
        }
    }
}
