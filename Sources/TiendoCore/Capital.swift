import Foundation

/// Where capital comes from (section IV of the plan, extendable as data): "ngân sách trung ương", "ngân sách tỉnh",
/// "lồng ghép", "tín dụng chính sách", …
public struct CapitalSource: Hashable, Sendable, Codable {
    public var code: String
    public var name: String

    public init(code: String, name: String) { (self.code, self.name) = (code, name) }

    /// The sources a programme of this kind is funded from; an installation adds its own.
    public static let standard: [CapitalSource] = [
        CapitalSource(code: "nstw", name: "Ngân sách trung ương"),
        CapitalSource(code: "ns-tinh", name: "Ngân sách tỉnh"),
        CapitalSource(code: "ns-huyen", name: "Ngân sách huyện"),
        CapitalSource(code: "ns-xa", name: "Ngân sách xã"),
        CapitalSource(code: "long-ghep", name: "Vốn lồng ghép"),
        CapitalSource(code: "tin-dung", name: "Vốn tín dụng chính sách"),
        CapitalSource(code: "huy-dong", name: "Vốn huy động hợp pháp khác"),
    ]
}

/// A decision that moves capital: its number, date and issuer ("123/QĐ-UBND ngày 15/01/2024 của UBND tỉnh").
public struct CapitalDecision: Hashable, Sendable, Codable {
    public var number: String
    public var date: CivilDate
    public var issuer: String

    public init(number: String, date: CivilDate, issuer: String) { (self.number, self.date, self.issuer) = (number, date, issuer) }

    public var vietnamese: String { "\(number) ngày \(date.vietnamese) của \(issuer)" }
}

/// Who holds a line's capital (chủ đầu tư, or the user of recurrent funds): an agency by name, or a unit by its code
/// read in the map of a day (codes are reused from one map to the next).
public enum CapitalHolder: Hashable, Sendable {
    case agency(String)
    case unit(code: String, mapDate: CivilDate)

    /// "agency:Sở Giao thông vận tải", "unit:06652@2025-07-01": how it is stored.
    public var key: String {
        switch self {
        case let .agency(name): "agency:" + name
        case let .unit(code, date): "unit:\(code)@\(date.iso)"
        }
    }

    /// The holder as a reader knows it: the agency's name (with today's successor, once recorded), or the unit's
    /// People's Committee as it was named in its map.
    public func name(in directory: AgencyDirectory, on date: CivilDate) -> String {
        switch self {
        case let .agency(name): directory.withSuccessor(name, on: date)
        case let .unit(code, mapDate): directory.units.unit(code: code, asOf: mapDate).map { directory.committee(of: $0).name } ?? code
        }
    }

    public init?(key: String) {
        if key.hasPrefix("agency:") { self = .agency(String(key.dropFirst(7))); return }
        guard key.hasPrefix("unit:") else { return nil }
        let parts = key.dropFirst(5).split(separator: "@")
        guard parts.count == 2, let date = CivilDate(iso: String(parts[1])) else { return nil }
        self = .unit(code: String(parts[0]), mapDate: date)
    }
}

/// One line of capital: a Dự án (and Tiểu dự án, Nội dung) of the programme × capital type × source × origin × holder,
/// for one plan year. Its amounts come only from its events and its execution.
public struct CapitalLine: Hashable, Sendable {
    /// Capital assigned in the plan year ("giao trong năm"), or extended from an earlier year ("kéo dài từ năm …").
    public enum Origin: Hashable, Sendable {
        case assigned
        case extended(from: Int)

        public var vietnamese: String {
            switch self {
            case .assigned: "giao trong năm"
            case let .extended(year): "kéo dài từ năm \(year)"
            }
        }
    }

    public var id: String
    public var year: Int
    /// Dự án 1…10 of Programme 1719; nil for capital outside its projects.
    public var project: Int?
    public var subproject: Int?
    public var content: Int?
    public var capitalType: FundingSource.CapitalType
    public var source: String
    public var origin: Origin
    public var holder: CapitalHolder

    public init(id: String, year: Int, project: Int?, subproject: Int? = nil, content: Int? = nil,
                capitalType: FundingSource.CapitalType, source: String, origin: Origin, holder: CapitalHolder) {
        (self.id, self.year, self.project, self.subproject, self.content) = (id, year, project, subproject, content)
        (self.capitalType, self.source, self.origin, self.holder) = (capitalType, source, origin, holder)
    }

    /// "Dự án 4", "Dự án 1, Tiểu dự án 2", "Ngoài các dự án".
    public var projectName: String {
        guard let project else { return "Ngoài các dự án" }
        return "Dự án \(project)" + (subproject.map { ", Tiểu dự án \($0)" } ?? "") + (content.map { ", Nội dung \($0)" } ?? "")
    }
}

extension FundingSource.CapitalType {
    /// "đầu tư phát triển", "sự nghiệp".
    public var vietnamese: String { self == .investment ? "đầu tư phát triển" : "sự nghiệp" }
}

/// A decision that changes a line's plan. Giao and điều chỉnh set the plan (the start-of-year plan and each adjusted
/// plan are both kept); kéo dài carries capital into the next year; phân bổ chi tiết allocates part of the plan to a
/// work or a unit; thu hồi takes capital back, điều chuyển moves it to another line.
public struct CapitalEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case assign = "giao"
        case adjust = "dieu-chinh"
        case extend = "keo-dai"
        case allocate = "phan-bo"
        case withdraw = "thu-hoi"
        case transfer = "dieu-chuyen"

        public var vietnamese: String {
            switch self {
            case .assign: "giao kế hoạch vốn"
            case .adjust: "điều chỉnh kế hoạch vốn"
            case .extend: "kéo dài"
            case .allocate: "phân bổ chi tiết"
            case .withdraw: "thu hồi"
            case .transfer: "điều chuyển"
            }
        }
    }

    public var lineId: String
    public var kind: Kind
    /// Giao, điều chỉnh: the line's plan after the decision (not a difference). Kéo dài, phân bổ, thu hồi, điều
    /// chuyển: the amount moved.
    public var amount: Dong
    public var decision: CapitalDecision
    /// Phân bổ chi tiết: the work code or the unit the capital goes to; điều chuyển: the receiving line.
    public var target: String?

    public init(lineId: String, kind: Kind, amount: Dong, decision: CapitalDecision, target: String? = nil) {
        (self.lineId, self.kind, self.amount, self.decision, self.target) = (lineId, kind, amount, decision, target)
    }
}

/// What was paid out of a line in a month, and the value of work done, as reported up to a cut-off date.
public struct Disbursement: Hashable, Sendable {
    /// Who the figure comes from: the line's holder (chủ đầu tư, unit), or the finance side (Kho bạc, Sở Tài chính),
    /// whose figures count up to the last month it reported; the two are reconciled at each of its months.
    public enum Source: String, Hashable, Sendable, CaseIterable {
        case holder = "chu-dau-tu", finance = "tai-chinh"

        public var vietnamese: String { self == .holder ? "chủ đầu tư báo cáo" : "số liệu tài chính" }
    }

    public var lineId: String
    /// The month's last day.
    public var month: CivilDate
    public var disbursed: Dong
    public var workDone: Dong?
    /// Who reported it (a chủ đầu tư, or the finance side's import).
    public var reportedBy: String
    public var source: Source

    public init(lineId: String, month: CivilDate, disbursed: Dong, workDone: Dong? = nil, reportedBy: String, source: Source = .holder) {
        (self.lineId, self.month, self.disbursed, self.workDone, self.reportedBy, self.source) = (lineId, month, disbursed, workDone, reportedBy, source)
    }
}

/// When a plan year's capital must be disbursed, with the rule's legal basis; configurable.
public struct DisbursementDeadline: Hashable, Sendable {
    /// Capital of the plan year: disbursed by this day of the next year.
    public var assignedBy: (month: Int, day: Int)
    /// Capital extended from an earlier year: disbursed by this day of the year after the plan year.
    public var extendedBy: (month: Int, day: Int)
    public var basis: String

    public init(assignedBy: (month: Int, day: Int), extendedBy: (month: Int, day: Int), basis: String) {
        (self.assignedBy, self.extendedBy, self.basis) = (assignedBy, extendedBy, basis)
    }

    /// 31/01 of the next year for a year's capital, 31/12 of the next year for capital extended into it.
    public static let standard = DisbursementDeadline(assignedBy: (1, 31), extendedBy: (12, 31),
                                                      basis: "Luật Đầu tư công số 39/2019/QH14, Điều 68 (chưa đối chiếu văn bản gốc; quản trị viên sửa được)")

    /// The last day to disburse `line`'s capital.
    public func due(_ line: CapitalLine) -> CivilDate {
        switch line.origin {
        case .assigned: CivilDate(year: line.year + 1, month: assignedBy.month, day: assignedBy.day)!
        case .extended: CivilDate(year: line.year, month: extendedBy.month, day: extendedBy.day)!
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.assignedBy == b.assignedBy && a.extendedBy == b.extendedBy && a.basis == b.basis
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(assignedBy.month); hasher.combine(assignedBy.day); hasher.combine(extendedBy.month)
        hasher.combine(extendedBy.day); hasher.combine(basis)
    }
}
