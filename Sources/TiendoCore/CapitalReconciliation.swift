import Foundation

/// What the holders reported as disbursed against the finance side's figures, line by line: at each month the
/// finance side reported, the two cumulative totals to that month; a line only one side reports is listed once.
/// Listed are the differences, with who reported what.
public enum CapitalReconciliation {
    public struct Difference: Hashable, Sendable {
        public var lineId: String
        /// The month compared (for a line only one side reports: its latest month).
        public var month: CivilDate
        /// Cumulative disbursement to `month` by each side; nil when that side reported nothing for the line.
        public var holder: Dong?
        public var finance: Dong?
        public var holderBy: [String]
        public var financeBy: [String]

        /// Finance less holder, in đồng; nil when one side is missing.
        public var gap: Dong? {
            guard let holder, let finance else { return nil }
            return Dong(finance.value - holder.value)
        }

        /// "chủ đầu tư chưa báo cáo", "chưa có số liệu tài chính", or "chênh lệch …".
        public var vietnamese: String {
            switch (holder, finance) {
            case (nil, _?): "chủ đầu tư chưa báo cáo"
            case (_?, nil): "chưa có số liệu tài chính"
            default: "chênh lệch \(gap.map { ExactNumber(Decimal($0.value)).vietnamese } ?? "") đồng"
            }
        }
    }

    /// The differences among `disbursements` up to `asOf`, by line then month.
    public static func differences(_ disbursements: [Disbursement], asOf: CivilDate) -> [Difference] {
        var result: [Difference] = []
        for (lineId, months) in Dictionary(grouping: disbursements.filter { $0.month <= asOf }, by: \.lineId) {
            let holder = months.filter { $0.source == .holder }, finance = months.filter { $0.source == .finance }
            func total(_ list: [Disbursement], to month: CivilDate) -> Dong { Dong(list.filter { $0.month <= month }.reduce(0) { $0 + $1.disbursed.value }) }
            func who(_ list: [Disbursement], to month: CivilDate) -> [String] { list.filter { $0.month <= month }.map(\.reportedBy).uniqued() }
            guard !finance.isEmpty, !holder.isEmpty else {
                let only = holder.isEmpty ? finance : holder
                let last = only.map(\.month).max()!
                result.append(Difference(lineId: lineId, month: last, holder: holder.isEmpty ? nil : total(holder, to: last),
                                         finance: finance.isEmpty ? nil : total(finance, to: last),
                                         holderBy: who(holder, to: last), financeBy: who(finance, to: last)))
                continue
            }
            for month in Set(finance.map(\.month)).sorted() where total(holder, to: month) != total(finance, to: month) {
                result.append(Difference(lineId: lineId, month: month, holder: total(holder, to: month), finance: total(finance, to: month),
                                         holderBy: who(holder, to: month), financeBy: who(finance, to: month)))
            }
        }
        return result.sorted { ($0.lineId, $0.month) < ($1.lineId, $1.month) }
    }
}
