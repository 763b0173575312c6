import TiendoCore

extension TasksPage {
    /// Renders the task list: the filter form, the count, and a table that reads as cards on a phone.
    enum View {
        static func body(_ model: Model, _ context: PageContext) -> [Markup] {
            let rows: [Markup] = model.listings.map { listing in
                let status = model.status(listing.code)
                return el("tr", [("class", status == .overdue ? "overdue" : nil)], [
                    el("td", [("data-label", context.t("Mã"))], [link(SiteURL.task(code: listing.code).path, listing.code)]),
                    el("td", [("data-label", context.t("Nội dung"))], text: (listing.text).clipped(to: 180)),
                    el("td", [("data-label", context.t("Chủ trì"))], text: listing.leads.joined(separator: "; ")),
                    el("td", [("data-label", context.t("Hạn"))], text: listing.deadline?.date?.vietnamese ?? "—"),
                    el("td", [("data-label", context.t("Tình trạng"))], [Format.badge(status, context.language)]),
                ])
            }
            var body: [Markup] = [form(model, context)]
            if let problem = model.problem { body.append(el("p", [("class", "error"), ("role", "alert")], text: problem)) }
            body.append(el("p", [("class", "muted")], text: "\(model.listings.count) \(context.t("nhiệm vụ"))"))
            body.append(el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
                el("caption", text: context.t("Nhiệm vụ")),
                el("thead", [], [el("tr", [], [context.t("Mã"), context.t("Nội dung"), context.t("Chủ trì"), context.t("Hạn"), context.t("Tình trạng")]
                    .map { el("th", [("scope", "col")], text: $0) })]),
                el("tbody", [], rows),
            ])]))
            return body
        }

        static func form(_ model: Model, _ c: PageContext) -> Markup {
            let f = model.filters
            let groups = model.groups.map { g in (g.code, g.appendix ? "\(c.t("Phụ lục")) \(g.code)" : "\(g.code) · " + g.title.clipped(to: 50)) }
            let statuses = TaskStatus.allCases.map { ($0.rawValue, c.language.status($0)) }
            return el("form", [("method", "get"), ("action", SiteURL.tasks.bare), ("class", "filters")], [
                c.planField,
                select(c.t("Cơ quan"), name: "co-quan", options: [("", c.t("Tất cả"))] + model.agencies, selected: f.agency),
                select(c.t("Huyện"), name: "huyen", options: [("", c.t("Tất cả"))] + model.districts, selected: f.district),
                select(c.t("Nhóm"), name: "nhom", options: [("", c.t("Tất cả"))] + groups, selected: f.group),
                select(c.t("Tình trạng"), name: "tinh-trang", options: [("", c.t("Tất cả"))] + statuses, selected: f.status?.rawValue),
                field(c.t("Hạn đến"), name: "han-den", type: "date", value: f.dueBy?.iso),
                select(c.t("Sắp xếp"), name: "sap-xep", options: [("ma", c.t("Mã")), ("han", c.t("Hạn")), ("tinh-trang", c.t("Tình trạng"))],
                       selected: f.sort),
                el("button", [("type", "submit")], text: c.t("Lọc")),
            ])
        }
    }
}
