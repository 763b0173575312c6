import TiendoCore

extension UnitPages {
    /// Renders the index and a unit's page.
    enum View {
        static func index(_ index: Index, _ c: PageContext) -> [Markup] {
            let agencies = index.agencies.map { el("li", [], [link(SiteURL.agency(name: $0).path, $0)]) }
            let districts = index.districts.map { district in
                el("li", [], [
                    link(SiteURL.district(code: district.code).path, district.name), .text(" — mã \(district.code)"),
                    el("details", [], [
                        el("summary", [], text: "\(district.communes.count) xã, phường, thị trấn và mã"),
                        el("ul", [("class", "codes")], district.communes.map { el("li", [], text: "\($0.code) \($0.name)") }),
                    ]),
                ])
            }
            return [el("div", [("class", "cards")], [
                el("section", [("class", "card")], [el("h2", [], text: "Sở, ban, ngành"), el("ul", [], agencies)]),
                el("section", [("class", "card")], [el("h2", [], text: "UBND cấp huyện"), el("ul", [], districts)]),
            ])]
        }

        /// `reporting` is the unit's reports (and a district's communes'), drawn by `ReportingStatus`.
        static func page(_ model: Model, reporting: [Markup], _ c: PageContext) -> [Markup] {
            func rows(_ list: [TaskListing]) -> [[Markup]] {
                list.map { t in
                    [link(SiteURL.task(code: t.code).path, t.code), .text((t.text).clipped(to: 160)),
                     .text(t.deadline?.date?.vietnamese ?? "—"), Format.badge(model.statuses[t.code] ?? .notStarted, c.language)]
                }
            }
            let headers = [c.t("Mã"), c.t("Nội dung"), c.t("Hạn"), c.t("Tình trạng")]
            let filter = model.filter
            return [
                el("p", [], [link(filter.agency.map { SiteURL.tasks.with(["co-quan": $0]) } ?? SiteURL.tasks.with(["huyen": filter.unitCode]),
                                  "Xem trong danh sách nhiệm vụ")]),
                el("h2", [], text: "\(c.t("Những việc chủ trì")) (\(model.leads.count))"),
                table(caption: c.t("Những việc chủ trì"), headers: headers, rows: rows(model.leads)),
                el("h2", [], text: "\(c.t("Những việc phối hợp")) (\(model.helps.count))"),
                table(caption: c.t("Những việc phối hợp"), headers: headers, rows: rows(model.helps)),
                el("h2", [], text: "\(c.t("Việc quá hạn")) (\(model.late.count))"),
                table(caption: c.t("Việc quá hạn"), headers: headers, rows: rows(model.late)),
                el("h2", [], text: c.t("Báo cáo phải nộp")),
                table(caption: c.t("Báo cáo phải nộp"), headers: [c.t("Báo cáo"), c.t("Hạn"), c.t("Còn lại")],
                      rows: model.obligations.map { o in
                          [.text(o.name), .text(o.deadline.vietnamese), .text(o.dueOn.map { Format.daysLeft($0, today: model.today, c.language) } ?? "—")]
                      }),
            ] + reporting
        }
    }
}
