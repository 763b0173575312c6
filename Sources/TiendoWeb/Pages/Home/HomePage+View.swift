import TiendoCore

extension HomePage {
    /// Renders the overview: targets and indicators, tasks by status per group, report deadlines, districts.
    enum View {
        static let statuses: [TaskStatus] = [.notStarted, .inProgress, .done, .blocked, .overdue]

        static func body(_ model: Model, _ c: PageContext) -> [Markup] {
            targets(model, c) + tasks(model, c) + obligations(model, c) + districts(model, c)
        }

        /// All targets in one table, one row per indicator, so the page stays short on a phone.
        static func targets(_ model: Model, _ c: PageContext) -> [Markup] {
            let rows: [[Markup]] = model.indicators.map { row in
                let indicator = row.indicator
                return [link(SiteURL.plan.path + "#\(row.target)", row.target),
                        link(SiteURL.indicators.path + "#\(indicator.code)", indicator.name),
                        .text(indicator.baseline.map { "\($0.value.vietnamese) (\($0.year))" } ?? "—"),
                        .text(indicator.readings.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese)" }.joined(separator: " / ")
                              + " " + indicator.unit),
                        .text(row.figure?.text ?? "—"),
                        row.figure?.badge(c.language) ?? el("span", [("class", "badge s-nodata")], text: c.t("chưa có số liệu"))]
            }
            return [el("h2", [], text: c.t("Mục tiêu cụ thể năm 2024")),
                    table(caption: c.t("Chỉ tiêu, giá trị cơ sở, mục tiêu"),
                          headers: [c.t("Mục"), c.t("Chỉ tiêu"), c.t("Cơ sở"), c.t("Mục tiêu"), c.t("Giá trị mới nhất"), c.t("Tình trạng")],
                          rows: rows)]
        }

        /// Counts per group of section III and per appendix group, as a chart and as the same figures in a table.
        static func tasks(_ model: Model, _ c: PageContext) -> [Markup] {
            let rows: [(label: String, counts: [TaskStatus: Int])] = model.groups.map { group in
                guard let code = group.code else { return (c.t("Phụ lục"), group.counts) }
                let projects = group.projects.isEmpty ? "" : " · \(c.t("Dự án")) " + group.projects.map(String.init).joined(separator: ", ")
                return ("\(code)\(projects)", group.counts)
            }
            let chart = barChart(title: c.t("Nhiệm vụ theo nhóm và tình trạng"), bars: rows.map { row in
                (row.label, statuses.map { (row.counts[$0] ?? 0, $0.rawValue) })
            })
            let legend = el("ul", [("class", "legend")], statuses.map { el("li", [], [Format.badge($0, c.language)]) })
            let tableRows = (rows + [(c.t("Tổng"), model.total)]).map { row in
                [Markup.text(row.label)] + statuses.map { Markup.text(String(row.counts[$0] ?? 0)) }
                    + [Markup.text(String(row.counts.values.reduce(0, +)))]
            }
            return [el("h2", [], text: c.t("Nhiệm vụ theo nhóm và tình trạng")),
                    el("p", [("class", "muted")], text: c.language == .en
                       ? "Status on \(model.today.vietnamese): a task is overdue once its deadline has passed and not every lead has finished."
                       : "Tình trạng tính đến ngày \(model.today.vietnamese): nhiệm vụ quá hạn khi đã qua thời hạn mà chưa phải mọi đơn vị chủ trì đều hoàn thành."),
                    chart, legend,
                    table(caption: c.t("Nhiệm vụ theo nhóm và tình trạng"),
                          headers: [c.t("Nhóm")] + statuses.map { c.language.status($0) } + [c.t("Tổng")], rows: tableRows)]
        }

        static func obligations(_ model: Model, _ c: PageContext) -> [Markup] {
            [el("h2", [], text: c.t("Chế độ báo cáo")),
             table(caption: c.t("Chế độ báo cáo"),
                   headers: [c.t("Báo cáo"), c.t("Hạn"), c.t("Còn lại"), c.t("Phải nộp"), c.t("Đúng hạn"), c.t("Muộn"), c.t("Chưa nộp")],
                   rows: model.obligations.map { row in
                       let (obligation, done) = (row.obligation, row.completeness)
                       return [.text(obligation.name), .text(obligation.deadline.vietnamese),
                               .text(obligation.dueOn.map { Format.daysLeft($0, today: model.today, c.language) } ?? "—"),
                               .text(done.map { String($0.expected) } ?? "—"), .text(done.map { String($0.onTime) } ?? "—"),
                               .text(done.map { String($0.late) } ?? "—"), .text(done.map { String($0.missing) } ?? "—")]
                   })]
        }

        /// Each district: tasks it leads, those it has reported on, finished and late, each defined under the table
        /// (`WorkCounts`, the same counts as the district's page and report).
        static func districts(_ model: Model, _ c: PageContext) -> [Markup] {
            let rows: [[Markup]] = model.districts.map { d in
                [model.level == .district ? link(SiteURL.district(code: d.code).path, d.name) : .text(d.name), .text(String(d.leads)),
                 .text(String(d.reported)), .text(String(d.done)), .text(String(d.late))]
            }
            let title = model.level == .district ? c.t("So sánh cấp huyện") : c.t("So sánh cấp xã")
            return [el("h2", [], text: title),
                    table(caption: title,
                          headers: [c.t("Đơn vị hành chính"), c.t("Chủ trì"), c.t("Đã cập nhật"), c.t("Hoàn thành"), c.t("Quá hạn")],
                          rows: rows),
                    el("p", [("class", "muted")], text: c.language == .en
                       ? "Lead: tasks the district leads, by name or as one of “the districts”. Updated: of these, tasks it has sent at least one update on. Done: tasks where its own part is done. Overdue: tasks past their deadline on \(model.today.vietnamese) whose own part is not done. The district's page and report count the same way."
                       : "Chủ trì: số nhiệm vụ huyện chủ trì, được nêu tên hoặc thuộc “UBND các huyện”. Đã cập nhật: trong số đó, nhiệm vụ huyện đã gửi ít nhất một báo cáo tiến độ. Hoàn thành: nhiệm vụ mà phần của huyện đã xong. Quá hạn: nhiệm vụ đã qua thời hạn tính đến \(model.today.vietnamese) mà phần của huyện chưa xong. Trang của huyện và báo cáo của huyện tính theo cùng cách này.")]
        }
    }
}
