import Foundation

/// Ban Dân tộc's multi-year review of the programme ("báo cáo sơ kết" midway, "báo cáo tổng kết" at the end of a
/// phase), built from the same series as `/chuong-trinh`: each year's plan, target and approved province figure.
/// Everything an official must write (the causes, the way forward) is left as a marked blank.
public struct ProgrammeReview: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case midTerm = "so-ket"
        case final = "tong-ket"

        /// "sơ kết", "tổng kết".
        public var vietnamese: String { self == .midTerm ? "sơ kết" : "tổng kết" }
    }

    /// One year's plan as the review lists it.
    public struct PlanLine: Sendable {
        public var year: Int
        public var number: String
        public var issuedOn: CivilDate
        public var issuer: String
    }

    public var kind: Kind
    public var years: ClosedRange<Int>
    public var title: String
    public var issuer: ReportDraft.Issuer
    public var place: String
    public var plans: [PlanLine]
    public var series: [ProgrammeSeries.Series]
    public var assessment: [String]
    public var recipients: [String]

    /// The review of `years` (every year with a provincial plan when nil) from each year's plan and figures.
    public static func make(_ kind: Kind, years all: [ProgrammeSeries.Year], from: Int? = nil, to: Int? = nil,
                            profile: DeploymentProfile, units: AdminUnitRegistry, today: CivilDate) throws -> ProgrammeReview {
        let chosen = all.filter { year in
            let y = year.plan.plan.year
            return (from.map { y >= $0 } ?? true) && (to.map { y <= $0 } ?? true)
        }.sorted { $0.plan.plan.year < $1.plan.plan.year }
        guard let first = chosen.first, let last = chosen.last else {
            throw AppError.notFound("Không có kế hoạch cấp tỉnh nào trong các năm đã chọn"
                                    + (from != nil || to != nil ? " (\(from.map(String.init) ?? "…")–\(to.map(String.init) ?? "…"))." : "."))
        }
        let range = first.plan.plan.year...last.plan.plan.year
        let span = range.count == 1 ? "năm \(range.lowerBound)" : "giai đoạn \(range.lowerBound)-\(range.upperBound)"
        // Baseline points of years before the range stay: they are where the series starts.
        let series = ProgrammeSeries.build(chosen).map { s in
            var s = s
            s.points = s.points.filter { $0.isBaseline || range.contains($0.year) }
            return s
        }
        let plan = last.plan.plan
        var assessment = ["Giai đoạn \(range.lowerBound)-\(range.upperBound), UBND tỉnh ban hành \(chosen.count) kế hoạch năm thực hiện Chương trình: "
                          + chosen.map { "Kế hoạch số \($0.plan.plan.number) ngày \($0.plan.plan.issuedOn.vietnamese) (năm \($0.plan.plan.year))" }.joined(separator: "; ") + "."]
        if range.count == 1 { assessment[0] = "Năm \(range.lowerBound), UBND tỉnh ban hành Kế hoạch số \(plan.number) ngày \(plan.issuedOn.vietnamese)." }
        let finals = series.compactMap { s in s.points.last { !$0.isBaseline && $0.year == range.upperBound } }
        let measured = finals.filter { $0.met != nil }
        let met = measured.filter { $0.met == true }.count
        assessment.append("Năm \(range.upperBound) có \(finals.count) chỉ tiêu; \(measured.count) chỉ tiêu đã có số liệu được duyệt, "
                          + "trong đó \(met) chỉ tiêu đạt và \(measured.count - met) chỉ tiêu chưa đạt mục tiêu của năm; "
                          + "\(finals.count - measured.count) chỉ tiêu chưa có số liệu hoặc chưa có cách tính.")
        let partial = finals.filter { $0.coverage.map { !$0.isComplete } ?? false }.count
        if partial > 0 {
            assessment.append("\(partial) chỉ tiêu tính trên số liệu của một phần các đơn vị; phạm vi số liệu ghi cạnh từng giá trị (ví dụ \"12/54 xã\").")
        }
        let everyYear = series.filter { s in range.allSatisfy { year in s.points.contains { $0.year == year && $0.met == true } } }.count
        if range.count > 1 {
            assessment.append("\(everyYear) chỉ tiêu đạt mục tiêu ở tất cả các năm của giai đoạn có số liệu.")
        }
        return ProgrammeReview(
            kind: kind, years: range,
            title: "\(kind == .midTerm ? "Sơ kết" : "Tổng kết") thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi \(span)",
            issuer: ReportDraft.Issuer(parent: profile.issuer.uppercased(), name: plan.coordinator.uppercased(), symbol: "BC-BDT", authority: "TRƯỞNG BAN"),
            place: profile.place,
            plans: chosen.map { PlanLine(year: $0.plan.plan.year, number: $0.plan.plan.number, issuedOn: $0.plan.plan.issuedOn, issuer: $0.plan.plan.issuer) },
            series: series, assessment: assessment,
            recipients: ["UBND tỉnh (b/c)", "Các sở, ban, ngành",
                         units.units(at: today, level: .district).isEmpty ? "UBND các xã, phường, đặc khu" : "UBND các huyện, thị xã, thành phố",
                         "Lưu: VT, …"])
    }
}
