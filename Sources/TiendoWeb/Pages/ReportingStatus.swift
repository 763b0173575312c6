import TiendoCore

/// Who reported what and when, for a unit page: an agency's or district's own reports, and a district's communes.
enum ReportingStatus {
    static func outcome(_ line: Completeness.Line?, state: SubmissionState?) -> String {
        line?.vietnamese(state: state) ?? "không phải báo cáo"
    }

    /// The reporter's own line for every dated obligation.
    static func own(_ data: PlanData, reporter: String) -> [Markup] {
        let obligations = data.plan.reportObligations.filter { $0.dueOn != nil }
        return [
            el("h2", [], text: "Báo cáo số liệu"),
            table(caption: "Báo cáo số liệu", headers: ["Báo cáo", "Hạn", "Tình trạng"], rows: obligations.map { o in
                let line = data.completeness[o.id]?.lines.first { $0.reporter == reporter }
                return [link(SiteURL.reporterFigures(obligation: o.id, reporter: reporter).with(["ky": o.period.code]), o.name),
                        .text(o.dueOn?.vietnamese ?? "—"), .text(outcome(line, state: data.states[o.id]?[reporter]))]
            }),
        ]
    }

    /// A district's communes (in the map of each due date) and how each reported to the district.
    static func communes(_ data: PlanData, district: String) -> [Markup] {
        let obligations = data.plan.reportObligations.filter { $0.dueOn != nil && $0.carriesFigures }
        var codes: [String] = []
        for o in obligations {
            for unit in data.directory.units.children(of: district, at: o.dueOn!) where !codes.contains(unit.code) { codes.append(unit.code) }
        }
        let summary: [[Markup]] = obligations.map { o in
            let lines = (data.communeCompleteness[o.id]?.lines ?? []).filter { codes.contains($0.reporter) }
            let approved = lines.filter { data.states[o.id]?[$0.reporter]?.isLocked == true }.count
            return [link(SiteURL.communeGrid(obligation: o.id, district: district).with(["ky": o.period.code]), o.name),
                    .text(String(lines.count)), .text(String(lines.filter { $0.outcome == .onTime }.count)),
                    .text(String(lines.filter { $0.outcome == .late }.count)), .text(String(lines.filter { $0.outcome == .missing }.count)),
                    .text(String(approved))]
        }
        let rows: [[Markup]] = codes.map { code in
            // Named as on the first obligation's due date: the 2024 reports speak of 2024's units.
            let name = data.directory.units.name(of: code, on: obligations.first?.dueOn ?? data.plan.plan.issuedOn)
            return [.text(name)] + obligations.map { o in
                let line = data.communeCompleteness[o.id]?.lines.first { $0.reporter == code }
                return .text(line == nil ? "không còn trên bản đồ ngày \(o.dueOn!.vietnamese)" : outcome(line, state: data.states[o.id]?[code]))
            }
        }
        return [
            el("h2", [], text: "Các xã báo cáo huyện"),
            table(caption: "Các xã báo cáo huyện", headers: ["Báo cáo", "Số xã phải báo cáo", "Đúng hạn", "Muộn", "Chưa gửi", "Huyện đã duyệt"],
                  rows: summary),
            table(caption: "Từng xã", headers: ["Xã"] + obligations.map(\.name), rows: rows),
        ]
    }
}
