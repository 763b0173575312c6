import TiendoCore
import Vapor

/// Tổng quan: targets and indicators, tasks by status per group, report deadlines, districts side by side.
enum HomePage {
    static let statuses: [TaskStatus] = [.notStarted, .inProgress, .done, .blocked, .overdue]

    @Sendable static func show(_ req: Request) async throws -> Response {
        let context = PageContext(req)
        let data = try await PlanData.load(req)
        return Layout.render(context, title: context.t("Tổng quan") + " — " + data.plan.plan.number,
                             targets(data, context) + tasks(data, context) + obligations(data, context) + districts(data, context))
    }

    /// All 10 targets in one table, one row per indicator, so the page stays short on a phone.
    static func targets(_ data: PlanData, _ c: PageContext) -> [Markup] {
        let rows: [[Markup]] = data.plan.targets.flatMap { target in
            target.indicators.map { indicator in
                [link(SiteURL.plan.path + "#\(target.code)", target.code),
                 link(SiteURL.indicators.path + "#\(indicator.code)", indicator.name),
                 .text(indicator.baseline.map { "\($0.value.vietnamese) (\($0.year))" } ?? "—"),
                 .text(indicator.readings.map { "\($0.comparator.symbol) \($0.targetValue.vietnamese)" }.joined(separator: " / ")
                       + " " + indicator.unit),
                 .text(data.indicators[indicator.code].map { ExactNumber($0.value).vietnamese } ?? "—"),
                 data.indicators[indicator.code]?.badge(c.language) ?? el("span", [("class", "badge s-nodata")], text: c.t("chưa có số liệu"))]
            }
        }
        return [el("h2", [], text: c.t("Mục tiêu cụ thể năm 2024")),
                table(caption: c.t("Chỉ tiêu, giá trị cơ sở, mục tiêu"),
                      headers: [c.t("Mục"), c.t("Chỉ tiêu"), c.t("Cơ sở"), c.t("Mục tiêu"), c.t("Giá trị mới nhất"), c.t("Tình trạng")],
                      rows: rows)]
    }

    /// Counts per group of section III and per appendix group, as a chart and as the same figures in a table.
    static func tasks(_ data: PlanData, _ c: PageContext) -> [Markup] {
        var rows: [(label: String, counts: [TaskStatus: Int])] = data.plan.taskGroups.map { group in
            let projects = group.projects.isEmpty ? "" : " · \(c.t("Dự án")) " + group.projects.map(String.init).joined(separator: ", ")
            return ("\(group.code)\(projects)", counts(group.tasks.map(\.code), data))
        }
        rows.append((c.t("Phụ lục"), counts(data.plan.appendix.map(\.code), data)))
        let chart = barChart(title: c.t("Nhiệm vụ theo nhóm và tình trạng"), bars: rows.map { row in
            (row.label, statuses.map { (row.counts[$0] ?? 0, $0.rawValue) })
        })
        let legend = el("ul", [("class", "legend")], statuses.map { el("li", [], [Format.badge($0, c.language)]) })
        let total = rows.reduce(into: [TaskStatus: Int]()) { sum, row in row.counts.forEach { sum[$0.key, default: 0] += $0.value } }
        let tableRows = (rows + [(c.t("Tổng"), total)]).map { row in
            [Markup.text(row.label)] + statuses.map { Markup.text(String(row.counts[$0] ?? 0)) }
                + [Markup.text(String(row.counts.values.reduce(0, +)))]
        }
        return [el("h2", [], text: c.t("Nhiệm vụ theo nhóm và tình trạng")),
                el("p", [("class", "muted")], text: c.language == .en
                   ? "Status on \(data.today.vietnamese): a task is overdue once its deadline has passed and not every lead has finished."
                   : "Tình trạng tính đến ngày \(data.today.vietnamese): nhiệm vụ quá hạn khi đã qua thời hạn mà chưa phải mọi đơn vị chủ trì đều hoàn thành."),
                chart, legend,
                table(caption: c.t("Nhiệm vụ theo nhóm và tình trạng"),
                      headers: [c.t("Nhóm")] + statuses.map { c.language.status($0) } + [c.t("Tổng")], rows: tableRows)]
    }

    static func counts(_ codes: [String], _ data: PlanData) -> [TaskStatus: Int] {
        codes.reduce(into: [:]) { counts, code in counts[data.progress[code]?.status ?? .notStarted, default: 0] += 1 }
    }

    static func obligations(_ data: PlanData, _ c: PageContext) -> [Markup] {
        [el("h2", [], text: c.t("Chế độ báo cáo")),
         table(caption: c.t("Chế độ báo cáo"),
               headers: [c.t("Báo cáo"), c.t("Hạn"), c.t("Còn lại"), c.t("Phải nộp"), c.t("Đúng hạn"), c.t("Muộn"), c.t("Chưa nộp")],
               rows: data.plan.reportObligations.map { obligation in
                   let done = data.completeness[obligation.id]
                   return [.text(obligation.name), .text(obligation.deadline.vietnamese),
                           .text(obligation.dueOn.map { Format.daysLeft($0, today: data.today, c.language) } ?? "—"),
                           .text(done.map { String($0.expected) } ?? "—"), .text(done.map { String($0.onTime) } ?? "—"),
                           .text(done.map { String($0.late) } ?? "—"), .text(done.map { String($0.missing) } ?? "—")]
               })]
    }

    /// Each district: tasks it leads, updates it sent, what it finished and what is late.
    static func districts(_ data: PlanData, _ c: PageContext) -> [Markup] {
        let units = data.directory.units.units(at: data.plan.plan.issuedOn, level: .district)
        let rows: [[Markup]] = units.map { unit in
            let committee = data.directory.committee(of: unit)
            let mine = data.progress.values.compactMap { summary -> AssigneeProgress? in
                summary.assignees.first { $0.unitCode == unit.code && $0.role == .lead }
            }
            let late = data.progress.values.filter { summary in
                summary.assignees.contains { $0.unitCode == unit.code && $0.role == .lead && $0.status != .done }
                    && (summary.deadline.map { data.today > $0 } ?? false)
            }.count
            let sent = data.updates.filter { $0.reporterUnitCode == unit.code }.count
            return [link(SiteURL.district(code: unit.code).path, committee.name), .text(String(mine.count)), .text(String(sent)),
                    .text(String(mine.filter { $0.status == .done }.count)), .text(String(late))]
        }
        return [el("h2", [], text: c.t("So sánh cấp huyện")),
                table(caption: c.t("So sánh cấp huyện"),
                      headers: [c.t("Đơn vị hành chính"), c.t("Chủ trì"), c.t("Đã cập nhật"), c.t("Hoàn thành"), c.t("Quá hạn")],
                      rows: rows)]
    }
}
