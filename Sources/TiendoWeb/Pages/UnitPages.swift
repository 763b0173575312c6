import TiendoCore
import Vapor

/// Đơn vị: an index of agencies and districts, and a page for each: what it leads, helps with, is late on, must report.
enum UnitPages {
    @Sendable static func index(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let data = try await PlanData.load(req)
        let agencies = data.directory.agencies.map { el("li", [], [link(SiteURL.agency(name: $0.name).path, $0.name)]) }
        let districts = data.directory.units.units(at: data.plan.plan.issuedOn, level: .district).map { unit in
            el("li", [], [link(SiteURL.district(code: unit.code).path, data.directory.committee(of: unit).name)])
        }
        return Layout.render(context, title: context.t("Đơn vị"), [
            el("div", [("class", "cards")], [
                el("section", [("class", "card")], [el("h2", [], text: "Sở, ban, ngành"), el("ul", [], agencies)]),
                el("section", [("class", "card")], [el("h2", [], text: "UBND cấp huyện"), el("ul", [], districts)]),
            ]),
        ])
    }

    @Sendable static func agency(_ req: Request) async throws -> Response {
        let data = try await PlanData.load(req)
        let name = req.parameters.get("name") ?? ""
        guard case let .agency(agency)? = data.directory.resolve(name) else {
            return Layout.render(PageContext(req), title: "Không tìm thấy trang.", status: .notFound,
                                 [el("p", [], text: "Không có cơ quan \"\(name)\".")])
        }
        return try page(req, data, title: agency.name, filter: TaskFilter(agency: agency.name),
                        reporting: ReportingStatus.own(data, reporter: agency.name))
    }

    @Sendable static func district(_ req: Request) async throws -> Response {
        let data = try await PlanData.load(req)
        let code = req.parameters.get("code") ?? ""
        guard let unit = data.directory.units.versions(of: code).last, unit.level == .district else {
            return Layout.render(PageContext(req), title: "Không tìm thấy trang.", status: .notFound,
                                 [el("p", [], text: "Không có đơn vị cấp huyện mã \"\(code)\".")])
        }
        let current = data.directory.units.unit(code: code, at: data.plan.plan.issuedOn) ?? unit
        return try page(req, data, title: data.directory.committee(of: current).name, filter: TaskFilter(unitCode: code),
                        reporting: ReportingStatus.own(data, reporter: code) + ReportingStatus.communes(data, district: code))
    }

    static func page(_ req: Request, _ data: PlanData, title: String, filter: TaskFilter, reporting: [Markup]) throws -> Response {
        let c = PageContext(req)
        let listings = try data.listings(filter)
        let leads = listings.filter { $0.matchedAs?.contains { $0.role == .lead } == true }
        let helps = listings.filter { $0.matchedAs?.contains { $0.role == .lead } != true }
        let late = listings.filter { data.progress[$0.code]?.status == .overdue }
        func rows(_ list: [TaskListing]) -> [[Markup]] {
            list.map { t in
                [link(SiteURL.task(code: t.code).path, t.code), .text((t.text).clipped(to: 160)),
                 .text(t.deadline?.date?.vietnamese ?? "—"),
                 Format.badge(data.progress[t.code]?.status ?? .notStarted, c.language)]
            }
        }
        let headers = [c.t("Mã"), c.t("Nội dung"), c.t("Hạn"), c.t("Tình trạng")]
        return Layout.render(c, title: title, [
            el("p", [], [link(filter.agency.map { SiteURL.tasks.with(["co-quan": $0]) } ?? SiteURL.tasks.with(["huyen": filter.unitCode]),
                              "Xem trong danh sách nhiệm vụ")]),
            el("h2", [], text: "\(c.t("Những việc chủ trì")) (\(leads.count))"), table(caption: c.t("Những việc chủ trì"), headers: headers, rows: rows(leads)),
            el("h2", [], text: "\(c.t("Những việc phối hợp")) (\(helps.count))"), table(caption: c.t("Những việc phối hợp"), headers: headers, rows: rows(helps)),
            el("h2", [], text: "\(c.t("Việc quá hạn")) (\(late.count))"), table(caption: c.t("Việc quá hạn"), headers: headers, rows: rows(late)),
            el("h2", [], text: c.t("Báo cáo phải nộp")),
            table(caption: c.t("Báo cáo phải nộp"), headers: [c.t("Báo cáo"), c.t("Hạn"), c.t("Còn lại")],
                  rows: data.plan.reportObligations.map { o in
                      [.text(o.name), .text(o.deadline.vietnamese), .text(o.dueOn.map { Format.daysLeft($0, today: data.today, c.language) } ?? "—")]
                  }),
        ] + reporting)
    }
}

/// Chỉ tiêu: every indicator with its definition, baseline, target and values once they exist.
enum IndicatorsPage {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = PageContext(req)
        let data = try await PlanData.load(req)
        let rows: [Markup] = data.plan.targets.flatMap(\.indicators).map { i in
            el("tr", [("id", i.code)], [
                el("td", [], text: i.code), el("td", [], text: i.name), el("td", [], text: i.unit),
                el("td", [], text: i.baseline.map { "\($0.value.vietnamese) (\($0.year))" } ?? "—"),
                el("td", [], [.text(i.readings.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese) (\($0.sourceClause))" }.joined(separator: "; "))]
                    + (i.inconsistency != nil ? [el("br"), el("a", [("href", SiteURL.plan.path + "#khong-thong-nhat")], text: "chưa thống nhất")] : [])),
                el("td", [], text: i.dueOn.vietnamese), el("td", [], text: i.scope.joined(separator: ", ")),
                el("td", [], text: i.quote ?? "—"),
                el("td", [], data.indicators[i.code].map { figure in
                    [.text(ExactNumber(figure.value).vietnamese + " "), figure.badge(c.language), el("br"),
                     el("small", [], text: figure.assessment.reason)]
                } ?? [el("span", [("class", "badge s-nodata")], text: c.t("chưa có số liệu"))]),
            ])
        }
        return Layout.render(c, title: c.t("Chỉ tiêu"), [el("div", [("class", "table-wrap")], [el("table", [("class", "data")], [
            el("caption", text: c.t("Chỉ tiêu")),
            el("thead", [], [el("tr", [], [c.t("Mã"), c.t("Chỉ tiêu"), c.t("Đơn vị tính"), c.t("Cơ sở"), c.t("Mục tiêu"), c.t("Hạn"),
                                           c.t("Phạm vi"), c.t("Định nghĩa"), c.t("Giá trị mới nhất")].map { el("th", [("scope", "col")], text: $0) })]),
            el("tbody", [], rows),
        ])])])
    }
}
