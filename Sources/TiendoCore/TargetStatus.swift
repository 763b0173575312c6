import Foundation

/// Where an indicator stands against its target on a day, with the reason in words.
public struct TargetAssessment: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case met, onTrack, atRisk, missed, noData

        public var vietnamese: String {
            switch self {
            case .met: "đạt"
            case .onTrack: "đúng tiến độ"
            case .atRisk: "có nguy cơ"
            case .missed: "không đạt"
            case .noData: "chưa có số liệu"
            }
        }
    }

    public var status: Status
    /// The value expected today on a straight line from the baseline to the target, when there is a baseline.
    public var expected: Decimal?
    public var reason: String
}

public enum TargetStatus {
    /// Judges `actual` (measured on `measuredOn`) against the indicator's section II reading.
    ///
    /// Met: the comparator holds. Past the due date and not met: missed. Before it: on track when the value is at
    /// least where a straight line from the baseline (end of its year) to the target would put it today,
    /// at risk otherwise; with no baseline, at risk until met.
    public static func assess(_ indicator: Indicator, actual: Decimal?, measuredOn: CivilDate, today: CivilDate) -> TargetAssessment {
        let target = indicator.targetValue.decimal
        let unit = indicator.unit
        func show(_ value: Decimal) -> String { ExactNumber(rounded(value, 3)).vietnamese }
        guard let actual else {
            return TargetAssessment(status: .noData, expected: nil, reason: "Chưa có số liệu được duyệt.")
        }
        var goal = "\(indicator.comparator.symbol) \(show(target)) \(unit) trước \(indicator.dueOn.vietnamese)"
        if indicator.comparator == .about {
            goal += " (\"khoảng\": tính là đạt từ \(show(target * (1 - Comparator.aboutTolerance))) \(unit))"
        }
        if indicator.comparator.isMet(actual: ExactNumber(actual), target: indicator.targetValue) {
            return TargetAssessment(status: .met, expected: nil, reason: "\(show(actual)) \(unit) ngày \(measuredOn.vietnamese); mục tiêu \(goal): đạt.")
        }
        if today > indicator.dueOn {
            return TargetAssessment(status: .missed, expected: nil, reason: "\(show(actual)) \(unit); mục tiêu \(goal): đã quá hạn, không đạt.")
        }
        guard let baseline = indicator.baseline else {
            return TargetAssessment(status: .atRisk, expected: nil, reason: "\(show(actual)) \(unit); mục tiêu \(goal); chưa đạt, không có giá trị cơ sở để tính lộ trình.")
        }
        let start = CivilDate(year: baseline.year, month: 12, day: 31)!
        let total = Decimal(indicator.dueOn.dayNumber - start.dayNumber), elapsed = Decimal(max(0, measuredOn.dayNumber - start.dayNumber))
        let fraction = total > 0 ? min(1, elapsed / total) : 1
        let expected = baseline.value.decimal + (target - baseline.value.decimal) * fraction
        let rising = target >= baseline.value.decimal
        let onTrack = rising ? actual >= expected : actual <= expected
        return TargetAssessment(status: onTrack ? .onTrack : .atRisk, expected: expected,
                                reason: "\(show(actual)) / \(show(target)) \(unit); theo lộ trình cần \(show(expected)) vào \(measuredOn.vietnamese), \(show(target)) vào \(indicator.dueOn.vietnamese).")
    }

    static func rounded(_ value: Decimal, _ scale: Int) -> Decimal {
        var input = value, output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }
}
