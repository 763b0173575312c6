import Foundation

/// The money part of a periodic report: capital by Dự án and capital type (start-of-year plan, adjusted plan, kéo dài,
/// disbursed, rate) and the investment works in the layout of the periodic public-investment report, over the lines
/// and works a reporter holds, as of the period's cut-off. Sums are in đồng; rates are summed part over summed whole.
public struct CapitalReport: Sendable {
    public struct Row: Hashable, Sendable {
        /// "Dự án 4", "Ngoài các dự án"; "Tổng cộng" for the total.
        public var project: String
        /// "đầu tư phát triển", "sự nghiệp"; empty on the total.
        public var capitalType: String
        /// Capital assigned in the year: the first plan decided, and the plan in force after adjustments and moves.
        public var startPlan = Dong.zero, adjustedPlan = Dong.zero
        /// Capital extended into the year from earlier years.
        public var extended = Dong.zero
        public var disbursed = Dong.zero

        /// Disbursed over everything there is to disburse this year (adjusted plan plus kéo dài).
        public func rate() throws -> MoneyRate {
            MoneyRate(part: disbursed, whole: try adjustedPlan.adding(extended, what: "kế hoạch vốn"))
        }

        mutating func add(_ f: CapitalFunnel.LineFigures) throws {
            if case .extended = f.line.origin {
                extended = try extended.adding(f.plan, what: "vốn kéo dài")
            } else {
                startPlan = try startPlan.adding(f.startPlan ?? .zero, what: "kế hoạch đầu năm")
                adjustedPlan = try adjustedPlan.adding(f.plan, what: "kế hoạch điều chỉnh")
            }
            disbursed = try disbursed.adding(f.disbursed, what: "giải ngân")
        }
    }

    /// One work as the public-investment report lists it.
    public struct WorkRow: Hashable, Sendable {
        public var code: String
        public var name: String
        public var investor: String
        public var location: String
        /// The investment decision: "12/QĐ-UBND ngày 15/01/2024"; empty before it.
        public var decision: String
        public var totalInvestment: Dong?
        /// "2024–2025" from the planned (or actual) start and finish; empty when not set.
        public var schedule: String
        /// Capital allocated to the work from this year's lines (phân bổ chi tiết).
        public var yearPlan: Dong
        /// Value of work done and disbursed from the start of the year to the cut-off, from its monthly reports.
        public var valueDone: Dong
        public var disbursed: Dong
        public var physicalPercent: Int?
        /// Status, causes of delay, and why it needs following.
        public var note: String
    }

    public var year: Int
    public var asOf: CivilDate
    public var rows: [Row]
    public var total: Row
    public var allocated: Dong
    public var lapsed: Dong
    public var lineCount: Int
    public var holderCount: Int
    public var works: [WorkRow]
    /// Works that need following on the cut-off, with why.
    public var followUps: [(name: String, why: String)]

    /// The report of `year` on `asOf` over the lines and works whose holder `holds` accepts.
    /// Works with no chủ đầu tư yet are listed only when `unassignedWorks` (the consolidated report).
    public static func make(funnel: CapitalFunnel, year: Int, works: [InvestmentWork], progress: [WorkProgress],
                            directory: AgencyDirectory, unassignedWorks: Bool = false, holds: (CapitalHolder) -> Bool) throws -> CapitalReport {
        let mine = funnel.lines.filter { $0.line.year == year && holds($0.line.holder) }
        var rows: [Row] = [], index: [String: Int] = [:], total = Row(project: "Tổng cộng", capitalType: "")
        var allocated = Dong.zero, lapsed = Dong.zero
        for figures in mine.sorted(by: { ($0.line.project ?? 99, $0.line.capitalType == .investment ? 0 : 1) < ($1.line.project ?? 99, $1.line.capitalType == .investment ? 0 : 1) }) {
            let key = "\(figures.line.projectName)|\(figures.line.capitalType.vietnamese)"
            if index[key] == nil {
                index[key] = rows.count
                rows.append(Row(project: figures.line.projectName, capitalType: figures.line.capitalType.vietnamese))
            }
            try rows[index[key]!].add(figures)
            try total.add(figures)
            allocated = try allocated.adding(figures.allocated, what: "vốn phân bổ")
            lapsed = try lapsed.adding(figures.lapsed, what: "vốn quá hạn giải ngân")
        }

        // Works: those held in scope, with what this year's lines allocated to them and their months up to the cut-off.
        let allocations = funnel.lines.filter { $0.line.year == year }.flatMap(\.events).filter { $0.kind == .allocate }
        var allocatedTo: [String: Dong] = [:]
        for event in allocations { if let target = event.target { allocatedTo[target] = try (allocatedTo[target] ?? .zero).adding(event.amount, what: "vốn phân bổ") } }
        var workRows: [WorkRow] = [], followUps: [(String, String)] = []
        for work in works where work.investor.map(holds) ?? unassignedWorks {
            let months = progress.filter { $0.workCode == work.code && $0.month <= funnel.asOf }
            var done = Dong.zero, paid = Dong.zero
            for month in months where month.month.year == year {
                done = try done.adding(month.valueDone, what: "giá trị khối lượng \(work.code)")
                paid = try paid.adding(month.disbursed, what: "giải ngân \(work.code)")
            }
            let latest = months.max { $0.month < $1.month }
            let start = work.actualStart ?? work.plannedStart, finish = work.actualFinish ?? work.plannedFinish
            let why = work.followUp(months, today: funnel.asOf)
            if let why { followUps.append((work.name, why)) }
            let causes = latest?.causes?.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".;")))
            let waiting = months.filter { $0.month.year == year && $0.approvedBy == nil }.map { "\($0.month.month)/\($0.month.year)" }
            let note = [work.status?.vietnamese, causes, why.map { "cần đôn đốc: " + $0 },
                        waiting.isEmpty ? nil : "số liệu tháng \(waiting.joined(separator: ", ")) chưa được Ban Dân tộc duyệt"].compactMap { $0 }.filter { !$0.isEmpty }
            workRows.append(WorkRow(
                code: work.code, name: work.name, investor: work.investor.map { $0.name(in: directory, on: funnel.asOf) } ?? "",
                location: work.units.compactMap { key -> String? in
                    let parts = key.split(separator: "@").map(String.init)
                    guard parts.count == 2, let date = CivilDate(iso: parts[1]) else { return nil }
                    return directory.units.unit(code: parts[0], asOf: date)?.name ?? parts[0]
                }.joined(separator: "; "),
                decision: (work.approvalDecision ?? work.policyDecision).map { "\($0.number) ngày \($0.date.vietnamese)" } ?? "",
                totalInvestment: work.totalInvestment,
                schedule: [start, finish].compactMap { $0.map { String($0.year) } }.uniqued().joined(separator: "–"),
                yearPlan: allocatedTo[work.code] ?? .zero, valueDone: done, disbursed: paid, physicalPercent: latest?.physicalPercent,
                note: note.joined(separator: "; ")))
        }
        return CapitalReport(year: year, asOf: funnel.asOf, rows: rows, total: total, allocated: allocated, lapsed: lapsed,
                             lineCount: mine.count, holderCount: Set(mine.map(\.line.holder)).count, works: workRows, followUps: followUps)
    }

    /// What the report says in words: the plan, how much was allocated and disbursed, what lapsed, which works need
    /// following.
    public func sentences() throws -> [String] {
        guard lineCount > 0 else {
            return ["Chưa có kế hoạch vốn năm \(year) được ghi nhận (chưa có quyết định giao vốn nào được nhập vào hệ thống)."]
        }
        let whole = try total.adjustedPlan.adding(total.extended, what: "kế hoạch vốn")
        var result = [
            "Tổng kế hoạch vốn năm \(year) (đến ngày \(asOf.vietnamese)) là \(whole.millions()) triệu đồng, gồm vốn giao trong năm \(total.adjustedPlan.millions()) triệu đồng (kế hoạch đầu năm \(total.startPlan.millions()) triệu đồng) và vốn kéo dài \(total.extended.millions()) triệu đồng; đã phân bổ chi tiết \(allocated.millions()) triệu đồng; giải ngân \(try total.rate().vietnamese).",
        ]
        if lapsed.value > 0 { result.append("Vốn đã hết thời hạn giải ngân mà chưa giải ngân: \(lapsed.millions()) triệu đồng.") }
        if !works.isEmpty {
            result.append("Có \(works.count) công trình đầu tư" + (followUps.isEmpty ? "; không có công trình cần đôn đốc."
                : "; \(followUps.count) công trình cần đôn đốc: " + followUps.map { "\($0.name) (\($0.why))" }.joined(separator: "; ") + "."))
        }
        return result
    }

    /// Where the figures come from and how they are computed, for the report's sources annex.
    public var source: String {
        "Kế hoạch vốn theo các quyết định giao, điều chỉnh, kéo dài, thu hồi, điều chuyển có ngày đến \(asOf.vietnamese); giải ngân theo số liệu tài chính đến tháng đã nhập, các tháng sau theo báo cáo của chủ đầu tư; \(lineCount) dòng vốn của \(holderCount) chủ đầu tư, đơn vị sử dụng vốn. Tỷ lệ giải ngân = giải ngân ÷ (kế hoạch sau điều chỉnh + vốn kéo dài), cộng bằng đồng rồi đổi ra triệu đồng."
    }
}

/// The money a report is drafted from: every line with its decisions and months, and the works with their reports.
public struct CapitalInputs: Sendable {
    public var lines: [CapitalLine], events: [CapitalEvent], disbursements: [Disbursement]
    public var works: [InvestmentWork], progress: [WorkProgress]

    public init(lines: [CapitalLine] = [], events: [CapitalEvent] = [], disbursements: [Disbursement] = [],
                works: [InvestmentWork] = [], progress: [WorkProgress] = []) {
        (self.lines, self.events, self.disbursements, self.works, self.progress) = (lines, events, disbursements, works, progress)
    }
}

extension CapitalHolder {
    /// Whether this holder is the reporter's or, for a district, one of its communes': an agency by its name (or the
    /// name it carried before a recorded merger), a unit by its version in its own map.
    public func belongs(to reporter: Reporter?, directory: AgencyDirectory, on date: CivilDate) -> Bool {
        guard let reporter else { return true }
        switch (self, reporter) {
        case let (.agency(name), .agency(mine)):
            return name == mine || directory.successors(of: name, on: date).contains(mine)
        case let (.unit(code, mapDate), .unit(mine, _, _, era)):
            guard let held = directory.units.unit(code: code, asOf: mapDate), directory.units.era(of: held) == era else { return false }
            return held.code == mine || held.parentCode == mine
        default:
            return false
        }
    }
}
