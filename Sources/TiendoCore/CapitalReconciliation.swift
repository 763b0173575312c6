import Foundation

/// What the holders reported as disbursed against the finance side's figures, line by line and month by month: the
/// months where the two differ or where only one side reported, with who reported what.
public enum CapitalReconciliation {
    public struct Difference: Hashable, Sendable {
        public var lineId: String
        public var month: CivilDate
        public var holder: Disbursement?
        public var finance: Disbursement?

        /// Finance less holder, in đồng; nil when one side is missing.
        public var gap: Dong? {
            guard let holder, let finance else { return nil }
            return Dong(finance.disbursed.value - holder.disbursed.value)
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

    /// The differences among `disbursements` up to `asOf`, ordered by line then month. Months both sides report alike
    /// are not listed.
    public static func differences(_ disbursements: [Disbursement], asOf: CivilDate) -> [Difference] {
        let byMonth = Dictionary(grouping: disbursements.filter { $0.month <= asOf }, by: { "\($0.lineId)|\($0.month.iso)" })
        return byMonth.values.compactMap { months -> Difference? in
            let holder = months.first { $0.source == .holder }, finance = months.first { $0.source == .finance }
            if let holder, let finance, holder.disbursed == finance.disbursed { return nil }
            let any = holder ?? finance!
            return Difference(lineId: any.lineId, month: any.month, holder: holder, finance: finance)
        }.sorted { ($0.lineId, $0.month) < ($1.lineId, $1.month) }
    }
}
