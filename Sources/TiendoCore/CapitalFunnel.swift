import Foundation

/// The funnel of capital as of a cut-off date: giao → phân bổ → giải ngân, line by line and summed over any grouping.
/// Every amount is a sum of whole đồng; a rate is a summed part over a summed whole, never an average of rates.
public struct CapitalFunnel: Sendable {
    /// One line's figures on the cut-off date.
    public struct LineFigures: Hashable, Sendable {
        public var line: CapitalLine
        /// The first plan decided for the line ("kế hoạch đầu năm"); nil before any.
        public var startPlan: Dong?
        /// The plan in force: the last giao or điều chỉnh, plus capital extended into it, minus what was taken back or
        /// moved out, plus what was moved in.
        public var plan: Dong
        public var allocated: Dong
        public var disbursed: Dong
        public var workDone: Dong
        /// The last day to disburse it, and what remained undisbursed after that day (lapsed), if the cut-off is past it.
        public var due: CivilDate
        public var lapsed: Dong
        /// The decisions that made the plan, oldest first.
        public var events: [CapitalEvent]

        public var rate: MoneyRate { MoneyRate(part: disbursed, whole: plan) }
        public var allocation: MoneyRate { MoneyRate(part: allocated, whole: plan) }
    }

    /// A sum over several lines.
    public struct Total: Hashable, Sendable {
        public var startPlan = Dong.zero, plan = Dong.zero, allocated = Dong.zero, disbursed = Dong.zero, lapsed = Dong.zero
        public var lines = 0

        public var rate: MoneyRate { MoneyRate(part: disbursed, whole: plan) }
        public var allocation: MoneyRate { MoneyRate(part: allocated, whole: plan) }
    }

    public var asOf: CivilDate
    public var lines: [LineFigures]

    /// The figures of every line on `asOf`: only decisions dated and months ending on or before it count.
    public static func compute(lines: [CapitalLine], events: [CapitalEvent], disbursements: [Disbursement], asOf: CivilDate,
                               deadline: DisbursementDeadline = .standard) throws -> CapitalFunnel {
        let counted = events.filter { $0.decision.date <= asOf }.sorted { ($0.decision.date, $0.kind.rawValue) < ($1.decision.date, $1.kind.rawValue) }
        let byLine = Dictionary(grouping: counted, by: \.lineId)
        let movedIn = Dictionary(grouping: counted.filter { $0.kind == .transfer && $0.target != nil }, by: { $0.target! })
        // The finance side's figures count up to the last month it reported; the holder's months after it are added
        // (`CapitalReconciliation` lists where the two disagree).
        let paid = Dictionary(grouping: disbursements.filter { $0.month <= asOf }, by: \.lineId).mapValues { months in
            guard let last = months.filter({ $0.source == .finance }).map(\.month).max() else { return months }
            return months.filter { $0.source == .finance || $0.month > last }
        }
        var result: [LineFigures] = []
        // Dự án 1 before Dự án 10: by year, project number, then id.
        for line in lines.sorted(by: { ($0.year, $0.project ?? 99, $0.id) < ($1.year, $1.project ?? 99, $1.id) }) {
            let own = byLine[line.id] ?? []
            let settings = own.filter { $0.kind == .assign || $0.kind == .adjust }
            var plan = settings.last?.amount ?? .zero
            for event in own {
                switch event.kind {
                case .extend: plan = try plan.adding(event.amount, what: "kế hoạch vốn \(line.id)")
                case .withdraw, .transfer: plan = try plan.adding(Dong(-event.amount.value), what: "kế hoạch vốn \(line.id)")
                case .assign, .adjust, .allocate: break
                }
            }
            for event in movedIn[line.id] ?? [] { plan = try plan.adding(event.amount, what: "kế hoạch vốn \(line.id)") }
            var allocated = Dong.zero, disbursed = Dong.zero, done = Dong.zero
            for event in own where event.kind == .allocate { allocated = try allocated.adding(event.amount, what: "vốn phân bổ \(line.id)") }
            for month in paid[line.id] ?? [] {
                disbursed = try disbursed.adding(month.disbursed, what: "giải ngân \(line.id)")
                done = try done.adding(month.workDone ?? .zero, what: "giá trị khối lượng \(line.id)")
            }
            let due = deadline.due(line)
            let lapsed = asOf > due && disbursed < plan ? Dong(plan.value - disbursed.value) : .zero
            result.append(LineFigures(line: line, startPlan: settings.first?.amount, plan: plan, allocated: allocated, disbursed: disbursed,
                                      workDone: done, due: due, lapsed: lapsed, events: own + (movedIn[line.id] ?? [])))
        }
        return CapitalFunnel(asOf: asOf, lines: result)
    }

    /// The lines summed by `key` (Dự án, source, capital type, holder…), in the keys' order of first appearance.
    public func totals<Key: Hashable>(by key: (CapitalLine) -> Key) throws -> [(key: Key, total: Total)] {
        var order: [Key] = [], sums: [Key: Total] = [:]
        for figures in lines {
            let k = key(figures.line)
            if sums[k] == nil { order.append(k); sums[k] = Total() }
            sums[k] = try Self.add(figures, to: sums[k]!)
        }
        return order.map { ($0, sums[$0]!) }
    }

    /// Every line summed.
    public func total() throws -> Total {
        try lines.reduce(Total()) { try Self.add($1, to: $0) }
    }

    static func add(_ f: LineFigures, to total: Total) throws -> Total {
        var t = total
        t.startPlan = try t.startPlan.adding(f.startPlan ?? .zero, what: "kế hoạch đầu năm")
        t.plan = try t.plan.adding(f.plan, what: "kế hoạch vốn")
        t.allocated = try t.allocated.adding(f.allocated, what: "vốn phân bổ")
        t.disbursed = try t.disbursed.adding(f.disbursed, what: "giải ngân")
        t.lapsed = try t.lapsed.adding(f.lapsed, what: "vốn quá hạn giải ngân")
        t.lines += 1
        return t
    }
}
