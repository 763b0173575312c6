import TiendoCore
import TiendoStore
import Vapor

/// Nhiệm vụ: every task with filters in the query string, so a filtered list is a link to share.
enum TasksPage {
    struct Filters {
        var agency: String?
        var district: String?
        var group: String?
        var status: TaskStatus?
        var dueBy: CivilDate?
        var sort: String

        init(_ req: Request) {
            func value(_ name: String) -> String? {
                req.query[String.self, at: name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            }
            agency = value("co-quan")
            district = value("huyen")
            group = value("nhom")
            status = value("tinh-trang").flatMap(TaskStatus.init(rawValue:))
            dueBy = value("han-den").flatMap(CivilDate.init(iso:))
            sort = value("sap-xep") ?? "ma"
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let data = try await PlanData.load(req)
        let filters = Filters(req)
        var listings: [TaskListing]
        var problem: String?
        do {
            listings = try data.listings(TaskFilter(agency: filters.agency, unitCode: filters.district, dueBefore: filters.dueBy))
        } catch let error as TaskFilterError {
            listings = try data.listings()
            problem = error.message
        }
        if let group = filters.group { listings = listings.filter { $0.group == group } }
        if let status = filters.status { listings = listings.filter { data.progress[$0.code]?.status == status } }
        switch filters.sort {
        case "han": listings.sort { ($0.deadline?.date ?? .init(year: 9999, month: 12, day: 31)!) < ($1.deadline?.date ?? .init(year: 9999, month: 12, day: 31)!) }
        case "tinh-trang": listings.sort { (data.progress[$0.code]?.status.rawValue ?? "") < (data.progress[$1.code]?.status.rawValue ?? "") }
        default: break
        }
        let rows: [Markup] = listings.map { listing in
            let status = data.progress[listing.code]?.status ?? .notStarted
            return el("tr", [("class", status == .overdue ? "overdue" : nil)], [
                el("td", [("data-label", context.t("Mã"))], [link(SiteURL.task(code: listing.code).path, listing.code)]),
                el("td", [("data-label", context.t("Nội dung"))], text: (listing.text).clipped(to: 180)),
                el("td", [("data-label", context.t("Chủ trì"))], text: listing.leads.joined(separator: "; ")),
                el("td", [("data-label", context.t("Hạn"))], text: listing.deadline?.date?.vietnamese ?? "—"),
                el("td", [("data-label", context.t("Tình trạng"))], [Format.badge(status, context.language)]),
            ])
        }
        var body: [Markup] = [form(data, filters, context)]
        if let problem { body.append(el("p", [("class", "error"), ("role", "alert")], text: problem)) }
        body.append(el("p", [("class", "muted")], text: "\(listings.count) \(context.t("nhiệm vụ"))"))
        body.append(el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
            el("caption", text: context.t("Nhiệm vụ")),
            el("thead", [], [el("tr", [], [context.t("Mã"), context.t("Nội dung"), context.t("Chủ trì"), context.t("Hạn"), context.t("Tình trạng")]
                .map { el("th", [("scope", "col")], text: $0) })]),
            el("tbody", [], rows),
        ])]))
        return Layout.render(context, title: context.t("Nhiệm vụ"), body)
    }

    static func form(_ data: PlanData, _ f: Filters, _ c: PageContext) -> Markup {
        let agencies = data.directory.agencies.map { ($0.name, $0.name) }
        let districts = data.directory.units.units(at: data.plan.plan.issuedOn, level: .district).map { ($0.code, $0.name) }
        let groups = data.plan.taskGroups.map { ($0.code, "\($0.code) · " + ($0.title).clipped(to: 50)) }
            + data.plan.appendixGroups.map { ($0.code, "\(c.t("Phụ lục")) \($0.code)") }
        let statuses = TaskStatus.allCases.map { ($0.rawValue, c.language.status($0)) }
        return el("form", [("method", "get"), ("action", SiteURL.tasks.path), ("class", "filters")], [
            select(c.t("Cơ quan"), name: "co-quan", options: [("", c.t("Tất cả"))] + agencies, selected: f.agency),
            select(c.t("Huyện"), name: "huyen", options: [("", c.t("Tất cả"))] + districts, selected: f.district),
            select(c.t("Nhóm"), name: "nhom", options: [("", c.t("Tất cả"))] + groups, selected: f.group),
            select(c.t("Tình trạng"), name: "tinh-trang", options: [("", c.t("Tất cả"))] + statuses, selected: f.status?.rawValue),
            field(c.t("Hạn đến"), name: "han-den", type: "date", value: f.dueBy?.iso),
            select(c.t("Sắp xếp"), name: "sap-xep", options: [("ma", c.t("Mã")), ("han", c.t("Hạn")), ("tinh-trang", c.t("Tình trạng"))],
                   selected: f.sort),
            el("button", [("type", "submit")], text: c.t("Lọc")),
        ])
    }
}
