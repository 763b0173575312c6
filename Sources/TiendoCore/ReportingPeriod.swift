/// The span a report covers, with its own data cut-off: a month, a quarter, six months, a year or a custom window.
public struct ReportingPeriod: Hashable, Sendable, Codable, Comparable {
    public enum Kind: String, Hashable, Sendable, Codable { case month, quarter, half, year, custom }

    public var kind: Kind
    /// First and last day covered, both inclusive.
    public var start: CivilDate
    public var end: CivilDate

    public init(kind: Kind, start: CivilDate, end: CivilDate) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// "Quý I/2024", "6 tháng đầu năm 2024", …: derived, so a period is plain dates, cheap to copy by the million.
    public var label: String {
        let year = end.year
        switch kind {
        case .month: return String(format: "Tháng %02d/%d", start.month, start.year)
        case .quarter: return "Quý \(["I", "II", "III", "IV"][(start.month - 1) / 3])/\(start.year)"
        case .half: return "6 tháng đầu năm \(start.year)"
        case .year: return "Năm \(start.year)"
        case .custom where start == CivilDate(year: year - 1, month: 12, day: 15) && end == CivilDate(year: year, month: 6, day: 14):
            return "6 tháng năm \(year) (15/12/\(year - 1) – 14/6/\(year))"
        case .custom where start == CivilDate(year: year - 1, month: 12, day: 15) && end == CivilDate(year: year, month: 12, day: 14):
            return "Năm \(year) (15/12/\(year - 1) – 14/12/\(year))"
        case .custom: return "Từ \(start.vietnamese) đến \(end.vietnamese)"
        }
    }

    public static func month(_ month: Int, _ year: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .month, start: CivilDate(year: year, month: month, day: 1)!,
                        end: CivilDate.endOfMonth(month, year: year)!)
    }

    public static func quarter(_ quarter: Int, _ year: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .quarter, start: CivilDate(year: year, month: quarter * 3 - 2, day: 1)!,
                               end: CivilDate.endOfMonth(quarter * 3, year: year)!)
    }

    public static func firstHalf(_ year: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .half, start: CivilDate(year: year, month: 1, day: 1)!, end: CivilDate(year: year, month: 6, day: 30)!)
    }

    public static func year(_ year: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .year, start: CivilDate(year: year, month: 1, day: 1)!, end: CivilDate(year: year, month: 12, day: 31)!)
    }

    /// NĐ 09/2019/NĐ-CP: a 6-month report counts data from 15/12 of the previous year to 14/6.
    public static func sixMonthCutOff(_ year: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .custom, start: CivilDate(year: year - 1, month: 12, day: 15)!, end: CivilDate(year: year, month: 6, day: 14)!)
    }

    /// NĐ 09/2019/NĐ-CP: an annual report counts data from 15/12 of the previous year to 14/12.
    public static func annualCutOff(_ year: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .custom, start: CivilDate(year: year - 1, month: 12, day: 15)!, end: CivilDate(year: year, month: 12, day: 14)!)
    }

    /// Reads the short codes used in URLs: "2024", "2024-H1", "2024-Q3", "2024-05".
    public static func parse(_ code: String) -> ReportingPeriod? {
        let parts = code.uppercased().split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first), (2000...2100).contains(year) else { return nil }
        if parts.count == 1 { return .year(year) }
        guard parts.count == 2 else { return nil }
        let rest = String(parts[1])
        if rest == "H1" { return .firstHalf(year) }
        if rest.hasPrefix("Q"), let q = Int(rest.dropFirst()), (1...4).contains(q) { return .quarter(q, year) }
        if rest.count == 2, let m = Int(rest), (1...12).contains(m) { return .month(m, year) }
        return nil
    }

    /// The short code `parse` reads.
    public var code: String {
        switch kind {
        case .year: "\(start.year)"
        case .half: "\(start.year)-H1"
        case .quarter: "\(start.year)-Q\((start.month + 2) / 3)"
        case .month: String(format: "%04d-%02d", start.year, start.month)
        case .custom: "\(start.iso)_\(end.iso)"
        }
    }

    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// Whether `other` lies wholly inside this period (a quarter inside its year).
    public func covers(_ other: ReportingPeriod) -> Bool { start <= other.start && other.end <= end }

    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool { (a.end, a.start) < (b.end, b.start) }
}

extension ReportingPeriod {
    /// Days in the period's year over days in the period (366/182 for the first half of 2024); nil for a whole year.
    public var annualisingFactor: Rational.Literal? {
        guard kind != .year, let first = CivilDate(year: start.year, month: 1, day: 1),
              let last = CivilDate(year: start.year, month: 12, day: 31) else { return nil }
        let days = end.dayNumber - start.dayNumber + 1
        return days > 0 ? Rational.Literal(last.dayNumber - first.dayNumber + 1, days) : nil
    }
}
